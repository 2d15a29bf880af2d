package seal

import "fmt"

// keyStore is the operating system's key store behind method "os".
// Platform files provide newKeyStore; tests may substitute a fake.
type keyStore interface {
	// name is the store recorded in datakey.json: "secret-service" or "dpapi".
	name() string
	// available reports whether the store answers on this computer now.
	available() bool
	// seal hands key to the store under keyID. It returns what the record
	// keeps: the store's account name, or an opaque blob.
	seal(keyID string, key []byte) (account string, blob []byte, err error)
	// unseal gets the key back.
	unseal(keyID, account string, blob []byte) ([]byte, error)
	// forget removes what seal stored, if the store keeps anything.
	forget(account string) error
}

// osStore is the platform's key store; nil where there is none. It is
// never replaced: callers (tests) choose another store through the options'
// keys field, which storeOr resolves.
var osStore = newKeyStore()

// storeOr returns ks, or the platform's store when ks is nil. A store whose
// name is empty stands for "no store here" (see noKeyStore).
func storeOr(ks keyStore) keyStore {
	if ks == nil {
		ks = osStore
	}
	if ks == nil || ks.name() == "" {
		return nil
	}
	return ks
}

// OSAvailable reports whether this computer has an OS key store that
// method "os" can use: always on Windows (DPAPI); on Linux only when the
// freedesktop Secret Service answers on the session bus within a short
// timeout (so never without a session bus, as in CI or a service account).
// It may take up to that timeout; call it once per decision, not per frame.
func OSAvailable() bool {
	return osStore != nil && osStore.available()
}

// osSeal seals key with the OS store, returning the record's section.
func osSeal(ks keyStore, keyID string, key []byte) (*osAt, error) {
	ks = storeOr(ks)
	if ks == nil || !ks.available() {
		return nil, fmt.Errorf("no OS key store on this computer (%s): %w", osStoreWhere(ks), ErrKeyUnavailable)
	}
	account, blob, err := ks.seal(keyID, key)
	if err != nil {
		return nil, fmt.Errorf("sealing with %s: %v: %w", ks.name(), err, ErrKeyUnavailable)
	}
	return &osAt{Store: ks.name(), Account: account, Blob: blob}, nil
}

// osUnseal asks the OS store for the key recorded in o.
func osUnseal(ks keyStore, keyID string, o *osAt) ([]byte, error) {
	ks = storeOr(ks)
	if ks == nil || ks.name() != o.Store {
		return nil, fmt.Errorf("the key was sealed by %s, which this computer does not have; unlock with the recovery key: %w", o.Store, ErrKeyUnavailable)
	}
	key, err := ks.unseal(keyID, o.Account, o.Blob)
	if err != nil {
		return nil, fmt.Errorf("unsealing with %s: %v (unlock with the recovery key): %w", o.Store, err, ErrKeyUnavailable)
	}
	return key, nil
}

// osForget removes the store's copy, best effort: a stale copy only holds
// a key that the new seal protects as well.
func osForget(ks keyStore, o *osAt) {
	ks = storeOr(ks)
	if o != nil && ks != nil && ks.name() == o.Store && o.Account != "" {
		_ = ks.forget(o.Account)
	}
}

// osStoreWhere says why method "os" cannot be used here, with ks the
// store resolved by storeOr (nil: none).
func osStoreWhere(ks keyStore) string {
	if ks == nil {
		return "no supported key store on this operating system"
	}
	return osStoreHint
}
