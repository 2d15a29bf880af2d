package p2p

import (
	"crypto/ed25519"
	"errors"
	"testing"
	"time"

	"hoso/store"
)

func TestLastSeenSyncingAndForgetDevice(t *testing.T) {
	key, lk := newKey(t)
	st, err := store.Open(store.Options{Dir: t.TempDir(), Signer: key, Projections: []Projection{TrustProjection{}}})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if got := LastSeenSyncing(st); !got.IsZero() {
		t.Fatalf("a store that never synced was seen syncing at %v", got)
	}
	// Its own events are not syncing.
	if _, err := st.Append(store.Draft{Owner: "38001", Kind: "k", Subject: "s/1"}); err != nil {
		t.Fatal(err)
	}
	if got := LastSeenSyncing(st); !got.IsZero() {
		t.Fatalf("its own event counted as sync: %v", got)
	}
	// Bytes exchanged with a peer on 3 March count until that day's end.
	day := time.Date(2026, 3, 3, 9, 30, 0, 0, time.Local)
	_, other := newKey(t)
	b := newBudget(st, 0, func() time.Time { return day }, t.Logf)
	b.spend(peerIDOf(t, other), 4096)
	if got, want := LastSeenSyncing(st), time.Date(2026, 3, 4, 0, 0, 0, 0, time.Local); !got.Equal(want) {
		t.Fatalf("seen syncing at %v, want %v", got, want)
	}
	// An event from another device, written later, reached it later still.
	okey, _ := newKey(t)
	ost, err := store.Open(store.Options{Dir: t.TempDir(), Signer: okey, Now: func() time.Time { return day.Add(72 * time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	e, err := ost.Append(store.Draft{Owner: "38001", Kind: "k", Subject: "s/2"})
	ost.Close()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Ingest([]*store.Event{e}); err != nil {
		t.Fatal(err)
	}
	if got, want := LastSeenSyncing(st), e.HLC.Time(); !got.Equal(want) {
		t.Fatalf("seen syncing at %v, want the foreign event's %v", got, want)
	}

	// Forgetting the device drops its enrolment and its records of its
	// peers, and keeps what the folder holds.
	self := peerIDOf(t, lk)
	if err := SaveEnrolment(st, &Enrolment{Root: key.Public().(ed25519.PublicKey), Hubs: []string{"/ip4/10.0.0.1/tcp/4001"}}); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{store.LocalSyncToken(self.String()), store.LocalSyncSent(self.String()), store.LocalSyncMark(e.Origin)} {
		if err := st.SetLocal(k, []byte{0, 0, 0, 0, 0, 0, 0, 1}); err != nil {
			t.Fatal(err)
		}
	}
	if err := ForgetDevice(st); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadEnrolment(st); !errors.Is(err, ErrNotEnrolled) {
		t.Fatalf("enrolment after ForgetDevice: %v", err)
	}
	for _, k := range []string{store.LocalTrustRoot, store.LocalTrustChain, store.LocalTrustHubs, store.LocalSyncToken(self.String()), store.LocalSyncSent(self.String()), budgetKey(peerIDOf(t, other))} {
		if _, err := st.Local(k); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s survived ForgetDevice: %v", k, err)
		}
	}
	if _, err := st.Local(store.LocalSyncMark(e.Origin)); err != nil {
		t.Errorf("the mark of what the folder holds was dropped: %v", err)
	}
	if got := LastSeenSyncing(st); !got.Equal(e.HLC.Time()) {
		t.Fatalf("the held events still show when they arrived: %v", got)
	}
}
