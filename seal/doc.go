// Package seal creates, seals and unseals the 32-byte key that Badger uses to
// encrypt the data folder (badger.Options.WithEncryptionKey). The key never
// lies in plain text beside the data: the folder holds only datakey.json, a
// sealed record of it. The package knows nothing of Badger, Wails or libp2p.
//
// # Methods
//
// A record is sealed by exactly one method, chosen at setup:
//
//   - "os": the operating system's key store holds the key. On Windows it is
//     a DPAPI blob (current-user scope) kept in the record; on Linux it is an
//     item in the freedesktop Secret Service (service "hoso", account = the
//     record's key ID). OSAvailable tells whether this computer has one.
//   - "passphrase": an office passphrase (at least 10 characters, compared
//     after Unicode NFC normalisation so that Vietnamese typed on any keyboard
//     matches) derives a key-encryption key with argon2id, and
//     XChaCha20-Poly1305 wraps the data key.
//   - "keyfile": for headless nodes, the key sits in a separate owner-only
//     file (one line of base64 or hex), ideally on another volume. It may not
//     be created inside the data folder, and on Unix it is not read while
//     group or others have any permission on it.
//   - "env": for headless nodes, the key is in an environment variable
//     (default HOSO_DATA_KEY) as standard base64; Create returns the value to
//     show once.
//
// Whatever the method, the record also holds a copy wrapped by a recovery
// key: 160 random bits shown once at setup as 8 groups of 4 Crockford base32
// characters ("7KQ2-M9XD-…"). It unlocks the key on any computer, and Rewrap
// then seals it again with a new method or passphrase.
//
// # File format
//
// datakey.json (mode 0600, replaced atomically through a temporary file and a
// rename) is one JSON object, written by this package with two-space
// indentation and read back only if it is byte for byte in that canonical
// form (whitespace aside): unknown, duplicated or re-cased fields are refused
// as ErrCorrupt. Binary values are standard base64 with padding, decoded
// strictly. Version 1:
//
//	{
//	  "format": "hoso-datakey",          // constant
//	  "version": 1,                      // a newer version is ErrUnsupported
//	  "method": "passphrase",            // "os" | "passphrase" | "keyfile" | "env"
//	  "key_id": "…32 lowercase hex…",    // 16 random bytes, new at every seal
//	  "created": "2026-11-25T08:00:00Z", // RFC 3339, UTC, whole seconds
//	  "passphrase": { wrap },            // method "passphrase" only
//	  "keyfile": {"path": "/abs/path"},  // method "keyfile" only
//	  "env": {"name": "HOSO_DATA_KEY"},  // method "env" only
//	  "os": {"store": "secret-service", "account": "<key_id>"}
//	                                     // method "os" only; on Windows
//	                                     // {"store": "dpapi", "blob": "…"}
//	  "recovery": { wrap },              // always
//	  "check": "…"                       // HMAC-SHA256 under the data key
//	}
//
// where a wrap is
//
//	{"kdf": "argon2id", "time": 3, "memory_kib": 65536, "threads": 2,
//	 "salt": "…16 bytes…", "aead": "xchacha20-poly1305",
//	 "nonce": "…24 bytes…", "ciphertext": "…32+16 bytes…"}
//
// The header is every field except the wraps' nonces and ciphertexts and the
// check, encoded as length-prefixed fields in the order above (see
// record.header). A wrap's AEAD associated data is the header, the wrap's
// purpose ("passphrase" or "recovery") and its own KDF parameters, salt and
// AEAD name, so no field can be swapped without the AEAD refusing it. The
// check is HMAC-SHA256 under the data key of the header followed by both
// wraps in full; Unlock verifies it before returning a key, so a key from a
// key file, a variable or the OS store that belongs to another folder, and
// any edit anywhere in the file, are recognised before Badger is opened.
//
// # Errors
//
// Every failure a person can act on wraps one of the sentinel errors
// (ErrNoSeal, ErrExists, ErrWrongSecret, ErrNeedSecret, ErrKeyUnavailable,
// ErrInsecureKeyFile, ErrWeakPassphrase, ErrCorrupt, ErrUnsupported,
// ErrInvalidOptions), so that callers can map it to a stable code with
// errors.Is; the message adds the context (which file, which variable, which
// rule). Plain I/O failures (a data folder that cannot be created or
// written) are returned with context but no sentinel.
//
// # Choices
//
// Unlock checks the key it obtains before returning it, so a wrong key
// never reaches Badger. A recovery key given to Unlock is used whatever the
// method. Create, Rewrap and Unlock with a passphrase or recovery key each
// cost one or two argon2id derivations (see BenchmarkDeriveDefault). On
// Windows, file modes are not checked: the data folder and key file are
// protected by the profile's ACLs.
package seal
