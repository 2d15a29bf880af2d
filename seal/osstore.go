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

// osStore is the platform's key store; nil where there is none.
var osStore = newKeyStore()

// OSAvailable reports whether this computer has an OS key store that
// method "os" can use: always on Windows (DPAPI); on Linux only when the
// freedesktop Secret Service answers on the session bus within a short
// timeout (so never without a session bus, as in CI or a service account).
// It may take up to that timeout; call it once per decision, not per frame.
func OSAvailable() bool {
	return osStore != nil && osStore.available()
}

// osSeal seals key with the OS store, returning the record's section.
func osSeal(keyID string, key []byte) (*osAt, error) {
	if !OSAvailable() {
		return nil, fmt.Errorf("no OS key store on this computer (%s): %w", osStoreWhere(), ErrKeyUnavailable)
	}
	account, blob, err := osStore.seal(keyID, key)
	if err != nil {
		return nil, fmt.Errorf("sealing with %s: %v: %w", osStore.name(), err, ErrKeyUnavailable)
	}
	return &osAt{Store: osStore.name(), Account: account, Blob: blob}, nil
}

// osUnseal asks the OS store for the key recorded in o.
func osUnseal(keyID string, o *osAt) ([]byte, error) {
	if osStore == nil || osStore.name() != o.Store {
		return nil, fmt.Errorf("the key was sealed by %s, which this computer does not have; unlock with the recovery key: %w", o.Store, ErrKeyUnavailable)
	}
	key, err := osStore.unseal(keyID, o.Account, o.Blob)
	if err != nil {
		return nil, fmt.Errorf("unsealing with %s: %v (unlock with the recovery key): %w", o.Store, err, ErrKeyUnavailable)
	}
	return key, nil
}

// osForget removes the store's copy, best effort: a stale copy only holds
// a key that the new seal protects as well.
func osForget(o *osAt) {
	if o != nil && osStore != nil && osStore.name() == o.Store && o.Account != "" {
		_ = osStore.forget(o.Account)
	}
}

// osStoreWhere says why method "os" cannot be used here.
func osStoreWhere() string {
	if osStore == nil {
		return "no supported key store on this operating system"
	}
	return osStoreHint
}
