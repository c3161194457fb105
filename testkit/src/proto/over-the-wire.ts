/** Test support: a message through real protobuf bytes, encoded as a client sends it and decoded as a server reads it. */
import type { MessageTypeDefinition } from '@grpc/proto-loader';
import { loadNluPackage } from '@parley/proto';

/** `type` is a message of parley.nlu.v1, e.g. 'BotDefinition'. */
export function overTheWire<Message, Output>(type: string, message: Message): Output {
  // proto-loader types every definition alike; the caller names the message's generated types.
  const definition = loadNluPackage().definition[`parley.nlu.v1.${type}`] as unknown as MessageTypeDefinition<Message, Output>;
  return definition.deserialize(definition.serialize(message));
}
