package demo

import (
	"crypto/ed25519"
	"testing"

	"hoso/app"
	"hoso/store"
)

// newServices returns the services over a fresh in-memory store dated by
// clock (closed when the test ends), with a cheap password hash.
func newServices(t *testing.T, clock *Clock) (*app.Services, *store.Store) {
	t.Helper()
	st, err := store.Open(store.Options{InMemory: true, Signer: ed25519.NewKeyFromSeed(make([]byte, 32)), Projections: app.Projections(), Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	core := &app.Core{}
	core.Ready(app.Deps{Store: st, PeerID: "p", DataDir: "/d"})
	return app.NewServices(core, app.ServicesOptions{Now: clock.Now, Auth: app.AuthOptions{Password: app.PasswordParams{Time: 1, MemoryKiB: 64, Threads: 1}}}), st
}
