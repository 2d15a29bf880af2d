package seal

import "errors"

// The sentinel errors below are stable: callers map them to error codes with
// errors.Is. Every failure a person can act on wraps exactly one of them,
// with context (a path, a variable name, the rule broken) in the message.
var (
	// ErrNoSeal means the data folder has no datakey.json: it is not
	// initialised, or its data are not encrypted yet.
	ErrNoSeal = errors.New("seal: no datakey.json in the data folder (not initialised or not encrypted)")

	// ErrExists means Create found a datakey.json already there, or a key
	// file already at the chosen path; nothing was overwritten.
	ErrExists = errors.New("seal: already exists")

	// ErrWrongSecret means the passphrase, the recovery key or the key from
	// a key file, variable or key store does not open this data folder. It
	// never says more than that.
	ErrWrongSecret = errors.New("seal: wrong passphrase or key")

	// ErrNeedSecret means the key is sealed by a passphrase and none was
	// given: the interface must ask for it (or for the recovery key).
	ErrNeedSecret = errors.New("seal: a passphrase is needed to unlock the data key")

	// ErrKeyUnavailable means the place that holds the key cannot give it:
	// the key file is missing, the environment variable is unset, or the OS
	// key store cannot unseal it. The message says which and where; the
	// recovery key still works.
	ErrKeyUnavailable = errors.New("seal: the data key is unavailable")

	// ErrInsecureKeyFile means a key file would lie inside the data folder,
	// or its permissions let other users read it.
	ErrInsecureKeyFile = errors.New("seal: insecure key file")

	// ErrWeakPassphrase means the passphrase breaks the length rule
	// (MinPassphraseLen characters).
	ErrWeakPassphrase = errors.New("seal: passphrase too short (at least 10 characters)")

	// ErrCorrupt means datakey.json is damaged or has been tampered with.
	ErrCorrupt = errors.New("seal: datakey.json is damaged or has been tampered with")

	// ErrUnsupported means datakey.json was written by a newer version of
	// the program, in a format this version cannot read.
	ErrUnsupported = errors.New("seal: datakey.json was written by a newer version of the program")

	// ErrInvalidOptions means the options given to Create or Rewrap are
	// incomplete or contradictory (unknown method, missing key-file path,
	// bad variable name, KDF parameters out of range).
	ErrInvalidOptions = errors.New("seal: invalid options")
)
