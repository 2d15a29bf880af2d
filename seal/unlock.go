package seal

import (
	"fmt"
	"os"
	"time"
)

// UnlockOptions carry what Unlock may need; which fields matter depends on
// the recorded method.
type UnlockOptions struct {
	// Dir is the data folder holding datakey.json.
	Dir string
	// Passphrase is the office passphrase, for method "passphrase".
	Passphrase string
	// KeyFile, if set, is read instead of the recorded key-file path (the
	// file was moved, or sits on a volume mounted elsewhere).
	KeyFile string
	// Getenv reads environment variables for method "env"; nil means
	// os.Getenv.
	Getenv func(string) string
	// RecoveryKey, if set, is used instead of the method, whatever it is.
	RecoveryKey string
	// keys is the OS key store for method "os"; nil means the platform's
	// (see CreateOptions.keys).
	keys keyStore
}

// Unlock returns the data key sealed in opts.Dir, after checking it against
// the record's check value, so a wrong key is refused before Badger opens.
func Unlock(opts UnlockOptions) ([]byte, error) {
	r, err := readRecord(opts.Dir)
	if err != nil {
		return nil, err
	}
	if opts.RecoveryKey != "" {
		secret, err := ParseRecoveryKey(opts.RecoveryKey)
		if err != nil {
			return nil, err
		}
		return r.openWrap(&r.Recovery, secret, purposeRecovery)
	}
	var key []byte
	var source string
	switch r.Method {
	case MethodPassphrase:
		if opts.Passphrase == "" {
			return nil, ErrNeedSecret
		}
		p := normPassphrase(opts.Passphrase)
		if CheckPassphrase(p) != nil {
			return nil, fmt.Errorf("unlocking with the passphrase: %w", ErrWrongSecret)
		}
		return r.openWrap(r.Passphrase, []byte(p), purposePassphrase)
	case MethodKeyFile:
		source = r.KeyFile.Path
		if opts.KeyFile != "" {
			source = opts.KeyFile
		}
		key, err = readKeyFile(source)
		source = "key file " + source
	case MethodEnv:
		getenv := opts.Getenv
		if getenv == nil {
			getenv = os.Getenv
		}
		key, err = keyFromEnv(r.Env.Name, getenv)
		source = "environment variable " + r.Env.Name
	case MethodOS:
		key, err = osUnseal(opts.keys, r.KeyID, r.OS)
		source = "the " + r.OS.Store + " key store"
	default: // decodeRecord admits no other method
		return nil, fmt.Errorf("unknown method %q: %w", r.Method, ErrCorrupt)
	}
	if err != nil {
		return nil, err
	}
	if !verifyCheck(key, r) {
		return nil, fmt.Errorf("the key from %s does not open this data folder (another folder's key, or %s was altered): %w", source, FileName, ErrWrongSecret)
	}
	return key, nil
}

// openWrap opens a wrap and checks the result against the check value. The
// AEAD already proved the secret right, so a check mismatch means the rest
// of the file was altered.
func (r *record) openWrap(w *wrap, secret []byte, purpose string) ([]byte, error) {
	key, err := w.open(secret, purpose, r.header())
	if err != nil {
		return nil, fmt.Errorf("unlocking with the %s: %w", purposeName(purpose), err)
	}
	if !verifyCheck(key, r) {
		return nil, fmt.Errorf("the %s opened the key but the record's check failed: %w", purposeName(purpose), ErrCorrupt)
	}
	return key, nil
}

func purposeName(purpose string) string {
	if purpose == purposeRecovery {
		return "recovery key"
	}
	return "passphrase"
}

// Info describes a sealed record without unlocking it.
type Info struct {
	// Version is the record format's version.
	Version int
	// Method is how the key is sealed.
	Method Method
	// KeyID is the seal's random identifier (new at every Rewrap).
	KeyID string
	// Created is when the key was sealed (by Create or the last Rewrap).
	Created time.Time
	// KeyFile is the recorded key-file path, for method "keyfile".
	KeyFile string
	// EnvVar is the variable's name, for method "env".
	EnvVar string
	// OSStore is "secret-service" or "dpapi", for method "os".
	OSStore string
	// KDF is the passphrase's argon2id cost, for method "passphrase".
	KDF KDFParams
}

// Describe reads datakey.json in dir and says how it is sealed. It fails with
// ErrNoSeal when the folder has none, and ErrCorrupt when it is damaged.
func Describe(dir string) (Info, error) {
	r, err := readRecord(dir)
	if err != nil {
		return Info{}, err
	}
	created, _ := time.Parse(time.RFC3339, r.Created) // validated by decodeRecord
	info := Info{Version: r.Version, Method: r.Method, KeyID: r.KeyID, Created: created}
	switch {
	case r.KeyFile != nil:
		info.KeyFile = r.KeyFile.Path
	case r.Env != nil:
		info.EnvVar = r.Env.Name
	case r.OS != nil:
		info.OSStore = r.OS.Store
	case r.Passphrase != nil:
		info.KDF = r.Passphrase.KDFParams
	}
	return info, nil
}
