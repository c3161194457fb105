export { UseLiteEncoder, type UseLiteOptions } from './use-lite-encoder';
export { USE_LITE_IDENTITY, locateUseLite } from './use-lite-package';
