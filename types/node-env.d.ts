// Values that Vitest's globalSetup provides to e2e tests.
declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}
export {};
