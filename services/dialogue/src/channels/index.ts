/** The dialogue service's channels: the WebSocket channel and the web chat page that uses it. */
export { registerWebSocketChannel, type WebSocketChannelOptions } from './websocket-channel';
export { registerWebChat, serveFile, type WebChatOptions } from './web-chat';
export type { OutboundFrame } from './outbound-frame';
