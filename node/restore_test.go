package node

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"hoso/app"
	"hoso/p2p"
	"hoso/seal"
	"hoso/store"
)

// syncedBackup is the backup of an enrolled node that wrote 20 events of
// its own and, when synced is set, took one from another device just now.
type syncedBackup struct {
	data    []byte
	keyFile string
	peer    string
	origin  store.Origin
}

func makeBackup(t *testing.T, synced bool) syncedBackup {
	t.Helper()
	base := t.TempDir()
	keyFile := filepath.Join(base, "node.key")
	in, err := Init(InitOptions{Dir: filepath.Join(base, "node"), Seal: seal.CreateOptions{Method: seal.MethodKeyFile, KeyFile: keyFile, KDF: testKDF}})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	if err := in.EnrolRoot("38"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		if _, err := in.Store.Append(store.Draft{Owner: "38001", Kind: "dossier.received", Subject: "dossier/1", Body: []byte(`{"applicant":"Trần Văn An"}`)}); err != nil {
			t.Fatal(err)
		}
	}
	if synced {
		other, err := Init(InitOptions{Dir: filepath.Join(base, "other"), Seal: seal.CreateOptions{Method: seal.MethodKeyFile, KeyFile: filepath.Join(base, "other.key"), KDF: testKDF}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := other.Store.Append(store.Draft{Owner: "38001", Kind: "dossier.received", Subject: "dossier/2"}); err != nil {
			t.Fatal(err)
		}
		evs, err := other.Store.After(other.Store.Self(), 0, 0)
		other.Close()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := in.Store.Ingest(evs); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := in.Backup(&buf); err != nil {
		t.Fatal(err)
	}
	return syncedBackup{data: buf.Bytes(), keyFile: keyFile, peer: in.Identity.PeerID.String(), origin: in.Store.Self()}
}

func (b syncedBackup) restore(t *testing.T, opts RestoreOptions) (*Restored, error) {
	t.Helper()
	opts.Dir = filepath.Join(t.TempDir(), "restored")
	opts.From = bytes.NewReader(b.data)
	opts.Unlock = seal.UnlockOptions{KeyFile: b.keyFile}
	r, err := Restore(opts)
	if err == nil {
		t.Cleanup(func() { r.Close() })
	} else if entries, _ := os.ReadDir(filepath.Dir(opts.Dir)); len(entries) != 0 {
		t.Fatalf("a refused restore left %v behind", entries)
	}
	return r, err
}

func TestRestoreNeedsToKnowWhatItIsFor(t *testing.T) {
	b := makeBackup(t, false)
	for _, as := range []RestoreAs{"", "clone"} {
		_, err := b.restore(t, RestoreOptions{As: as})
		if e := app.AsError(err); e.Code != app.CodeInvalidInput || e.Field != "as" {
			t.Errorf("as %q: %v", as, err)
		}
	}
}

func TestRestoreAsCopyIsANewDevice(t *testing.T) {
	b := makeBackup(t, true)
	// A copy is never refused for the original's recent sync: it does not
	// sign as the original.
	r, err := b.restore(t, RestoreOptions{As: RestoreCopy})
	if err != nil {
		t.Fatal(err)
	}
	if r.Identity.PeerID.String() == b.peer || r.Store.Self() == b.origin {
		t.Fatal("the copy kept the original's identity")
	}
	if r.Original != b.peer || r.As != RestoreCopy {
		t.Fatalf("reported %+v", r)
	}
	// The original's events are there, still the original's and verifiable.
	evs, err := r.Store.Events("dossier/1")
	if err != nil || len(evs) != 20 {
		t.Fatalf("original's events: %d, %v", len(evs), err)
	}
	for _, e := range evs {
		if e.Origin != b.origin {
			t.Fatalf("event %d has origin %s, want the original's", e.Seq, e.Origin)
		}
		if err := e.Verify(); err != nil {
			t.Fatalf("original's event %d: %v", e.Seq, err)
		}
	}
	if got := r.Store.Vector().Get(b.origin); got < 20 {
		t.Fatalf("the original's origin is held to %d", got)
	}
	// What the copy writes is its own origin, from sequence 1, signed by
	// its own key.
	e, err := r.Store.Append(store.Draft{Owner: "38001", Kind: "dossier.received", Subject: "dossier/3"})
	if err != nil {
		t.Fatal(err)
	}
	key, _ := r.Identity.Ed25519()
	if e.Origin != store.OriginOf(key) || e.Seq != 1 || e.Verify() != nil {
		t.Fatalf("the copy's first event: origin %s seq %d verify %v", e.Origin, e.Seq, e.Verify())
	}
	// It is not enrolled: the original's certificate is not its own.
	if _, err := p2p.LoadEnrolment(r.Store); !errors.Is(err, p2p.ErrNotEnrolled) {
		t.Fatalf("the copy's enrolment: %v", err)
	}
	if g, _ := r.Gater(); g != nil {
		t.Fatal("the copy admits peers before it is enrolled")
	}
	// The new identity is the folder's from now on.
	dir, peerID := r.Dir, r.Identity.PeerID
	r.Close()
	n, err := Open(seal.UnlockOptions{Dir: dir, KeyFile: b.keyFile})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	if n.Identity.PeerID != peerID {
		t.Fatalf("reopened as %s, restored as %s", n.Identity.PeerID, peerID)
	}
}

func TestRestoreAsReplacementKeepsTheIdentity(t *testing.T) {
	t.Run("a device the backup never shows syncing", func(t *testing.T) {
		b := makeBackup(t, false)
		r, err := b.restore(t, RestoreOptions{As: RestoreReplacement})
		if err != nil {
			t.Fatal(err)
		}
		if r.Identity.PeerID.String() != b.peer || !r.LastSeen.IsZero() {
			t.Fatalf("replacement is %s (last seen %v), backup's device %s", r.Identity.PeerID, r.LastSeen, b.peer)
		}
		if _, err := p2p.LoadEnrolment(r.Store); err != nil {
			t.Fatalf("a replacement keeps its enrolment: %v", err)
		}
		e, err := r.Store.Append(store.Draft{Owner: "38001", Kind: "k", Subject: "dossier/1"})
		if err != nil || e.Origin != b.origin || e.Seq <= 20 {
			t.Fatalf("the replacement continues the sequence: %v %v", e, err)
		}
	})

	b := makeBackup(t, true)
	t.Run("refused while the device was seen syncing recently", func(t *testing.T) {
		_, err := b.restore(t, RestoreOptions{As: RestoreReplacement, Now: func() time.Time { return time.Now().Add(RecentlySeen - time.Hour) }})
		e := app.AsError(err)
		if e.Code != app.CodeConflict || e.Params["peer"] != b.peer || e.Params["lastSeen"] == "" {
			t.Fatalf("restore over a device seen syncing an hour ago: %v", err)
		}
	})
	t.Run("forced", func(t *testing.T) {
		r, err := b.restore(t, RestoreOptions{As: RestoreReplacement, Force: true})
		if err != nil {
			t.Fatal(err)
		}
		if r.Identity.PeerID.String() != b.peer || time.Since(r.LastSeen) > time.Minute {
			t.Fatalf("forced replacement is %s, last seen %v", r.Identity.PeerID, r.LastSeen)
		}
	})
	t.Run("once the device has been silent long enough", func(t *testing.T) {
		r, err := b.restore(t, RestoreOptions{As: RestoreReplacement, Now: func() time.Time { return time.Now().Add(RecentlySeen + time.Hour) }})
		if err != nil {
			t.Fatal(err)
		}
		if r.Identity.PeerID.String() != b.peer {
			t.Fatalf("replacement is %s, backup's device %s", r.Identity.PeerID, b.peer)
		}
	})
}

// TestRestoreHoldsTheFolderUntilClosed proves the restored folder is
// locked from the moment it exists under its name until the restored node
// closes: a serve, an init or the desktop starting meanwhile waits.
func TestRestoreHoldsTheFolderUntilClosed(t *testing.T) {
	b := makeBackup(t, false)
	r, err := b.restore(t, RestoreOptions{As: RestoreCopy})
	if err != nil {
		t.Fatal(err)
	}
	if _, free, err := TryLockFolder(r.Dir); err != nil || free {
		t.Fatalf("the folder is free while the restore has it open: free=%v err=%v", free, err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	l, free, err := TryLockFolder(r.Dir)
	if err != nil || !free {
		t.Fatalf("the folder is still held after the restore closed: free=%v err=%v", free, err)
	}
	l.Unlock()
}
