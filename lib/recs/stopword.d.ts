// stopword 3 ships no types (@types/stopword describes version 2); this is the one list the app reads.
declare module "stopword" {
  /** English stop words, lower case. */
  export const eng: readonly string[];
}
