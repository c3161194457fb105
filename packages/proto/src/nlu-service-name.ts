/** The NLU service's full name in nlu.proto (package parley.nlu.v1, service Nlu): spelt here once. */
export const NLU_SERVICE = 'parley.nlu.v1.Nlu';
