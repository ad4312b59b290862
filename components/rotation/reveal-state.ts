// What the one-time reveal action returns to the browser: the generated credentials, exactly once.
export interface RevealState {
  ok?: boolean;
  message?: string;
  secrets?: { apiKey: string; secretKey: string; passphrase: string };
}

export const EMPTY_REVEAL_STATE: RevealState = {};
