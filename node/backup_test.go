package node

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"hoso/app"
	"hoso/seal"
	"hoso/store"
)

func TestBackupAndRestore(t *testing.T) {
	base := t.TempDir()
	dir, keyFile := filepath.Join(base, "node"), filepath.Join(base, "node.key")
	in, err := Init(InitOptions{Dir: dir, Seal: seal.CreateOptions{Method: seal.MethodKeyFile, KeyFile: keyFile, KDF: testKDF}})
	if err != nil {
		t.Fatal(err)
	}
	recovery := in.Created.RecoveryKey
	for i := 0; i < 20; i++ {
		if _, err := in.Store.Append(store.Draft{Owner: "38001", Kind: "dossier.received", Subject: "dossier/1", Body: []byte(`{"applicant":"Nguyễn Thị Hồng Nhung"}`)}); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := in.Backup(&buf); err != nil {
		t.Fatal(err)
	}
	wantVec := in.Store.Vector()
	in.Close()
	if bytes.Contains(buf.Bytes(), []byte("Nguyễn Thị Hồng Nhung")) {
		t.Fatal("the backup holds citizens' data in plain text")
	}

	t.Run("with the key file", func(t *testing.T) {
		to := filepath.Join(t.TempDir(), "restored")
		n, err := Restore(RestoreOptions{Dir: to, From: bytes.NewReader(buf.Bytes()), Unlock: seal.UnlockOptions{KeyFile: keyFile},
			Reseal: &seal.CreateOptions{Method: seal.MethodKeyFile, KeyFile: keyFile, KDF: testKDF}, As: RestoreReplacement})
		if err != nil {
			t.Fatal(err)
		}
		defer n.Close()
		if created := n.Created; created == nil || created.RecoveryKey == recovery {
			t.Fatal("a reseal must issue a new recovery key")
		}
		if !n.Store.Vector().Equal(wantVec) {
			t.Fatalf("vector %v, want %v", n.Store.Vector(), wantVec)
		}
		evs, err := n.Store.Events("dossier/1")
		if err != nil || len(evs) != 20 {
			t.Fatalf("restored events: %d, %v", len(evs), err)
		}
		// The restored node continues the same identity's sequence.
		e, err := n.Store.Append(store.Draft{Owner: "38001", Kind: "k", Subject: "dossier/1"})
		if err != nil || e.Seq != 21 {
			t.Fatalf("append after restore: %v %v", e, err)
		}
	})

	t.Run("with the recovery key on a new machine", func(t *testing.T) {
		to := filepath.Join(t.TempDir(), "restored")
		newKey := filepath.Join(t.TempDir(), "new.key")
		r, err := Restore(RestoreOptions{Dir: to, From: bytes.NewReader(buf.Bytes()), Unlock: seal.UnlockOptions{RecoveryKey: recovery},
			Reseal: &seal.CreateOptions{Method: seal.MethodKeyFile, KeyFile: newKey, KDF: testKDF}, As: RestoreReplacement})
		if err != nil {
			t.Fatal(err)
		}
		r.Close()
		n, err := Open(seal.UnlockOptions{Dir: to})
		if err != nil {
			t.Fatalf("reopening with the new key file: %v", err)
		}
		n.Close()
	})

	t.Run("a wrong recovery key or a damaged backup leaves nothing behind", func(t *testing.T) {
		parent := t.TempDir()
		to := filepath.Join(parent, "restored")
		_, err := Restore(RestoreOptions{Dir: to, From: bytes.NewReader(buf.Bytes()), Unlock: seal.UnlockOptions{RecoveryKey: "0000-0000-0000-0000-0000-0000-0000-0000"}, As: RestoreReplacement})
		if app.AsError(err).Code != app.CodeWrongSecret {
			t.Fatalf("wrong recovery key: %v", err)
		}
		damaged := bytes.Clone(buf.Bytes())
		damaged[len(damaged)-3000] ^= 0xff
		if _, err := Restore(RestoreOptions{Dir: to, From: bytes.NewReader(damaged), Unlock: seal.UnlockOptions{KeyFile: keyFile}, As: RestoreCopy}); err == nil {
			t.Fatal("a damaged backup was restored")
		}
		if _, err := Restore(RestoreOptions{Dir: to, From: bytes.NewReader([]byte("not a backup")), Unlock: seal.UnlockOptions{KeyFile: keyFile}, As: RestoreReplacement}); app.AsError(err).Code != app.CodeInvalidInput {
			t.Fatalf("garbage: %v", err)
		}
		entries, _ := os.ReadDir(parent)
		if len(entries) != 0 {
			t.Fatalf("failed restores left %v behind", entries)
		}
		if _, err := Restore(RestoreOptions{Dir: dir, From: bytes.NewReader(buf.Bytes()), Unlock: seal.UnlockOptions{KeyFile: keyFile}, As: RestoreCopy}); app.AsError(err).Code != app.CodeInvalidInput {
			t.Fatalf("restore over an existing node: %v", err)
		}
	})
}

func TestNoFileOfTheDataFolderHoldsCitizensData(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "node")
	in, err := Init(InitOptions{Dir: dir, Seal: seal.CreateOptions{Method: seal.MethodPassphrase, Passphrase: "mật khẩu văn phòng", KDF: testKDF}})
	if err != nil {
		t.Fatal(err)
	}
	name, id := "Nguyễn Thị Hồng Nhung", "038095001234"
	for i := 0; i < 200; i++ {
		body := []byte(`{"applicant":"` + name + `","citizenId":"` + id + `"}`)
		if _, err := in.Store.Append(store.Draft{Owner: "38001", Kind: "dossier.received", Subject: "dossier/" + string(rune('a'+i%26)), Body: body}); err != nil {
			t.Fatal(err)
		}
	}
	if err := in.Close(); err != nil {
		t.Fatal(err)
	}
	files := 0
	err = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(name)) || bytes.Contains(b, []byte(id)) {
			t.Errorf("%s holds the applicant's name or ID in plain text", path)
		}
		return nil
	})
	if err != nil || files < 5 {
		t.Fatalf("walked %d files: %v", files, err)
	}
}
