//go:build linux

package seal

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/zalando/go-keyring"
)

// keyringService is the Secret Service attribute "service" for our items.
const keyringService = "hoso"

// osStoreHint says what OSAvailable looks for on Linux.
const osStoreHint = "no freedesktop Secret Service with a default keyring answers on the session bus"

// probeTimeout bounds how long OSAvailable waits for the Secret Service.
const probeTimeout = 2 * time.Second

// secretService keeps the key, base64-encoded, as an item of the default
// collection (attributes service=hoso, username=<key ID>).
type secretService struct{}

func newKeyStore() keyStore { return secretService{} }

func (secretService) name() string { return storeSecretService }

// available asks the session bus, without starting one, whether
// org.freedesktop.secrets answers (starting it if it is D-Bus activatable)
// and has a default collection, where the item will be stored.
func (secretService) available() bool {
	ctx, cancel := context.WithTimeout(context.Background(), probeTimeout)
	defer cancel()
	done := make(chan bool, 1)
	go func() { done <- probeSecretService(ctx) }()
	select {
	case ok := <-done:
		return ok
	case <-ctx.Done():
		return false
	}
}

func probeSecretService(ctx context.Context) bool {
	conn, err := dbus.SessionBusPrivateNoAutoStartup(dbus.WithContext(ctx))
	if err != nil {
		return false
	}
	defer conn.Close()
	if err := conn.Auth(nil); err != nil {
		return false
	}
	if err := conn.Hello(); err != nil {
		return false
	}
	var collection dbus.ObjectPath
	err = conn.Object("org.freedesktop.secrets", "/org/freedesktop/secrets").
		CallWithContext(ctx, "org.freedesktop.Secret.Service.ReadAlias", 0, "default").
		Store(&collection)
	return err == nil && collection != "/" && collection.IsValid()
}

func (secretService) seal(keyID string, key []byte) (string, []byte, error) {
	if err := keyring.Set(keyringService, keyID, base64.StdEncoding.EncodeToString(key)); err != nil {
		return "", nil, err
	}
	return keyID, nil, nil
}

func (s secretService) unseal(_, account string, _ []byte) ([]byte, error) {
	if !s.available() {
		return nil, errors.New("no Secret Service answers on the session bus")
	}
	v, err := keyring.Get(keyringService, account)
	if errors.Is(err, keyring.ErrNotFound) {
		return nil, fmt.Errorf("the Secret Service has no item service=%s account=%s", keyringService, account)
	}
	if err != nil {
		return nil, err
	}
	key, err := parseKeyText([]byte(v))
	if err != nil {
		return nil, fmt.Errorf("the Secret Service item service=%s account=%s %v", keyringService, account, err)
	}
	return key, nil
}

func (secretService) forget(account string) error {
	return keyring.Delete(keyringService, account)
}
