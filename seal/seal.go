package seal

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Method names how the data key is sealed; it is recorded in datakey.json.
type Method string

// The sealing methods; doc.go describes each.
const (
	MethodOS         Method = "os"
	MethodPassphrase Method = "passphrase"
	MethodKeyFile    Method = "keyfile"
	MethodEnv        Method = "env"
)

// Purposes bound into each wrap's associated data.
const (
	purposePassphrase = "passphrase"
	purposeRecovery   = "recovery"
)

// CreateOptions say where and how to seal the data key.
type CreateOptions struct {
	// Dir is the data folder; it is created (0700) if missing.
	Dir string
	// Method is how the key is sealed.
	Method Method
	// Passphrase is the office passphrase, for MethodPassphrase.
	Passphrase string
	// KeyFile is the key file's path, for MethodKeyFile. It must lie
	// outside Dir, and the file must not exist (unless it already holds
	// this very key, as when Rewrap keeps the same file). Its folder is
	// created, owner-only, when missing.
	KeyFile string
	// EnvVar is the variable's name for MethodEnv; empty means
	// DefaultEnvVar.
	EnvVar string
	// KDF sets the argon2id cost; nil means DefaultKDF.
	KDF *KDFParams
	// keys is the OS key store for MethodOS (and for forgetting the old
	// seal in Rewrap); nil means the platform's. Tests set a fake here
	// rather than swapping a package global, so they can run in parallel.
	keys keyStore
}

// Created is what the person setting up must see once, and then lose.
type Created struct {
	// Key is the data key to hand to Badger.
	Key []byte
	// RecoveryKey is the written recovery key ("ABCD-EFGH-…"), to show once
	// and have written down.
	RecoveryKey string
	// EnvValue, for MethodEnv only, is the value to put in the variable.
	EnvValue string
}

// Create makes a new random data key, seals it as opts say and writes
// datakey.json in opts.Dir. It fails with ErrExists if the folder already has
// one, and leaves nothing behind when it fails.
func Create(opts CreateOptions) (Created, error) {
	if opts.Dir == "" {
		return Created{}, fmt.Errorf("creating data key: no data folder given: %w", ErrInvalidOptions)
	}
	if err := os.MkdirAll(opts.Dir, 0o700); err != nil {
		return Created{}, fmt.Errorf("creating data folder: %w", err)
	}
	path := filepath.Join(opts.Dir, FileName)
	if _, err := os.Lstat(path); err == nil {
		return Created{}, fmt.Errorf("%s: %w", path, ErrExists)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return Created{}, fmt.Errorf("checking %s: %w", path, err)
	}
	return sealKey(opts, randomBytes(KeySize), false)
}

// Rewrap seals an unlocked key again in dir with a new method, passphrase,
// key file or variable, and a new recovery key; the old recovery key stops
// working. key must be the one datakey.json was sealed with
// (ErrWrongSecret otherwise). A key the OS store held for the old seal is
// removed from it; an old key file or variable is not touched, so callers
// should read Describe first and tell the administrator to destroy them.
func Rewrap(dir string, key []byte, opts CreateOptions) (Created, error) {
	old, err := readRecord(dir)
	if err != nil {
		return Created{}, err
	}
	if !verifyCheck(key, old) {
		return Created{}, fmt.Errorf("rewrapping: the key given does not open this data folder: %w", ErrWrongSecret)
	}
	opts.Dir = dir
	c, err := sealKey(opts, key, true)
	if err != nil {
		return Created{}, err
	}
	osForget(opts.keys, old.OS)
	return c, nil
}

// sealKey builds the record for key, performs the method's side effects
// (OS store, key file) and writes datakey.json, undoing the side effects if
// anything fails.
func sealKey(opts CreateOptions, key []byte, replace bool) (_ Created, err error) {
	p := DefaultKDF
	if opts.KDF != nil {
		p = *opts.KDF
	}
	if err := p.validate(); err != nil {
		return Created{}, fmt.Errorf("%v: %w", err, ErrInvalidOptions)
	}
	r := &record{
		Format:  formatName,
		Version: formatVersion,
		Method:  opts.Method,
		KeyID:   hex.EncodeToString(randomBytes(keyIDBytes)),
		Created: time.Now().UTC().Format(time.RFC3339),
	}
	var undo []func()
	defer func() {
		if err != nil {
			for _, f := range undo {
				f()
			}
		}
	}()
	var c Created
	switch opts.Method {
	case MethodPassphrase:
		if err := CheckPassphrase(opts.Passphrase); err != nil {
			return Created{}, err
		}
		r.Passphrase = newWrap(p)
	case MethodKeyFile:
		path, err := keyFilePath(opts.Dir, opts.KeyFile)
		if err != nil {
			return Created{}, err
		}
		r.KeyFile = &keyFileAt{Path: path}
	case MethodEnv:
		name := opts.EnvVar
		if name == "" {
			name = DefaultEnvVar
		}
		if !validEnvName(name) {
			return Created{}, fmt.Errorf("environment variable name %q: use letters, digits and _: %w", name, ErrInvalidOptions)
		}
		r.Env = &envAt{Name: name}
		c.EnvValue = envValue(key)
	case MethodOS:
		o, err := osSeal(opts.keys, r.KeyID, key)
		if err != nil {
			return Created{}, err
		}
		r.OS = o
		undo = append(undo, func() { osForget(opts.keys, o) })
	default:
		return Created{}, fmt.Errorf("unknown method %q (want os, passphrase, keyfile or env): %w", opts.Method, ErrInvalidOptions)
	}

	recovery, recoveryText := newRecoveryKey()
	r.Recovery = *newWrap(p)
	header := r.header()
	if r.Passphrase != nil {
		if err := r.Passphrase.seal(key, []byte(normPassphrase(opts.Passphrase)), purposePassphrase, header); err != nil {
			return Created{}, err
		}
	}
	if err := r.Recovery.seal(key, recovery, purposeRecovery, header); err != nil {
		return Created{}, err
	}
	r.Check = checkValue(key, r)

	if r.KeyFile != nil {
		remove, err := writeKeyFile(r.KeyFile.Path, key)
		if err != nil {
			return Created{}, err
		}
		if remove != nil {
			undo = append(undo, remove)
		}
	}
	if err := writeRecord(opts.Dir, r, replace); err != nil {
		return Created{}, err
	}
	c.Key = key
	c.RecoveryKey = recoveryText
	return c, nil
}
