// What the one-time reveal action returns to the browser: the generated credentials, exactly once, and the key
// they belong to (so "I have copied them" names that key and a key replaced meanwhile cannot be confirmed).
export interface RevealState {
  ok?: boolean;
  message?: string;
  secrets?: { keyId: string; apiKey: string; secretKey: string; passphrase: string };
}

export const EMPTY_REVEAL_STATE: RevealState = {};
