/**
 * The metadata key a caller's request id travels under, so one id ties a dialogue service request (REST or a
 * WebSocket frame) to the NLU calls it caused: the dialogue service sets it on Predict, the NLU service logs it.
 */
export const REQUEST_ID_METADATA = 'x-request-id';
