package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"hoso/node"
	"hoso/seal"
	"hoso/store"
)

// TestRestoreAsReplacementOrCopy restores one backup both ways (issue 15,
// item 7): a copy is a new device, a replacement the same one, refused
// while the backup shows its device syncing recently unless forced.
func TestRestoreAsReplacementOrCopy(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("-short: a slow test (multi-process or exhaustive); make test-go runs it")
	}
	base := t.TempDir()
	dir := filepath.Join(base, "node")
	out, code := runCLI(t, "init", "--data", dir)
	if code != exitOK {
		t.Fatalf("init: %s", out)
	}
	keyFile, peerID := decode(t, out)["keyFile"].(string), decode(t, out)["peerId"].(string)
	backup := filepath.Join(base, "node.backup")
	if out, code := runCLI(t, "backup", "--data", dir, "--out", backup); code != exitOK {
		t.Fatalf("backup: %d %s", code, out)
	}
	restore := func(as ...string) (string, int) {
		args := append([]string{"restore", "--data", filepath.Join(t.TempDir(), "restored"), "--from", backup, "--key-file", keyFile}, as...)
		return runCLI(t, args...)
	}

	var stdout, stderr bytes.Buffer
	code = run([]string{"restore", "--data", filepath.Join(t.TempDir(), "r"), "--from", backup, "--key-file", keyFile}, &stdout, &stderr)
	if code != exitUsage || !strings.Contains(stderr.String(), "--as replacement") || !strings.Contains(stderr.String(), "--as copy") {
		t.Fatalf("restore without --as: %d %q", code, stderr.String())
	}
	if _, code := restore("--as", "clone"); code != exitUsage {
		t.Fatalf("restore --as clone: %d", code)
	}

	out, code = restore("--as", "copy")
	if code != exitOK {
		t.Fatalf("restore --as copy: %d %s", code, out)
	}
	if r := decode(t, out); r["peerId"] == peerID || r["original"] != peerID || r["enrolled"] != false {
		t.Fatalf("a copy must be a new, unenrolled device: %s", out)
	}
	out, code = restore("--as", "replacement")
	if code != exitOK || decode(t, out)["peerId"] != peerID {
		t.Fatalf("restore --as replacement of a device never seen syncing: %d %s", code, out)
	}

	// The device now takes an event from another device, as sync does,
	// and is backed up again: it was seen syncing just now.
	n, err := node.Open(seal.UnlockOptions{Dir: dir, KeyFile: keyFile})
	if err != nil {
		t.Fatal(err)
	}
	other, err := node.Init(node.InitOptions{Dir: filepath.Join(base, "other"), Seal: seal.CreateOptions{Method: seal.MethodKeyFile, KeyFile: filepath.Join(base, "other.key")}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Store.Append(store.Draft{Owner: "38001", Kind: "k", Subject: "s/1"}); err != nil {
		t.Fatal(err)
	}
	evs, err := other.Store.After(other.Store.Self(), 0, 0)
	other.Close()
	if err == nil {
		_, err = n.Store.Ingest(evs)
	}
	n.Close()
	if err != nil {
		t.Fatal(err)
	}
	if out, code := runCLI(t, "backup", "--data", dir, "--out", backup); code != exitOK {
		t.Fatalf("backup: %d %s", code, out)
	}
	out, code = restore("--as", "replacement")
	if code != exitFailed || errorCode(t, out) != "conflict" || !strings.Contains(out, "--force") {
		t.Fatalf("replacement of a device seen syncing just now: %d %s", code, out)
	}
	out, code = restore("--as", "replacement", "--force")
	if code != exitOK || decode(t, out)["peerId"] != peerID || decode(t, out)["originalLastSeen"] == nil {
		t.Fatalf("forced replacement: %d %s", code, out)
	}
	if _, code := restore("--as", "copy", "--force"); code != exitUsage {
		t.Fatalf("--force on a copy: %d", code)
	}
}
