// shared/ runs in Node, in browsers and in workers. It may use only what all of them provide with the
// same behaviour: the ECMAScript library plus the WHATWG encoding API, declared here because the ES lib
// does not declare it. Nothing else (no DOM, no Node, no WebCrypto) is visible to shared/.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
