package main

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestInitNamesTheKeyFileThatExists is issue 15 item 10: a data folder
// removed and initialised again at the same path finds its default key file
// still there; init names that file and says how to go on, and a new
// --key-file goes on.
func TestInitNamesTheKeyFileThatExists(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir := filepath.Join(t.TempDir(), "node")
	out, code := runCLI(t, "init", "--data", dir)
	if code != exitOK {
		t.Fatalf("init: %d %s", code, out)
	}
	keyFile := decode(t, out)["keyFile"].(string)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	out, code = runCLI(t, "init", "--data", dir)
	if code != exitFailed || errorCode(t, out) != "vault_state" {
		t.Fatalf("init over a left key file: %d %s", code, out)
	}
	msg, _ := decode(t, out)["error"].(map[string]any)["message"].(string)
	for _, want := range []string{"the key file " + keyFile + " already exists", "delete it", "--key-file"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if strings.Contains(msg, "already has a data key") {
		t.Errorf("message %q still blames the data folder", msg)
	}
	if _, err := os.Stat(keyFile); err != nil {
		t.Fatalf("the existing key file was touched: %v", err)
	}
	other := filepath.Join(t.TempDir(), "node.key")
	out, code = runCLI(t, "init", "--data", dir, "--key-file", other)
	if code != exitOK || decode(t, out)["keyFile"] != other {
		t.Fatalf("init with another --key-file: %d %s", code, out)
	}
}

// TestInitMakesTheKeyFileFolder: `init --key-file` naming a folder that does
// not exist yet (a new volume's, a new USB drive's) makes it, owner-only, as
// init makes the data folder, and the node opens from there; it used to
// answer invalid_input. A key file inside the data folder is still refused,
// and nothing is made there.
func TestInitMakesTheKeyFileFolder(t *testing.T) {
	t.Parallel()
	base := t.TempDir()
	dir := filepath.Join(base, "node")
	keyFile := filepath.Join(base, "khóa", "xã Đông Hòa", "node.key")
	out, code := runCLI(t, "init", "--data", dir, "--key-file", keyFile)
	if code != exitOK || decode(t, out)["keyFile"] != keyFile {
		t.Fatalf("init with the key file's folder missing: %d %s", code, out)
	}
	if runtime.GOOS != "windows" {
		for _, p := range []string{filepath.Dir(keyFile), filepath.Join(base, "khóa")} {
			if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o700 {
				t.Errorf("%s: %v, want a folder with mode 700", p, err)
			}
		}
	}
	if out, code := runCLI(t, "status", "--data", dir); code != exitOK {
		t.Fatalf("status with the key file in its new folder: %d %s", code, out)
	}

	other := filepath.Join(base, "other")
	out, code = runCLI(t, "init", "--data", other, "--key-file", filepath.Join(other, "khóa", "node.key"))
	if code != exitFailed || errorCode(t, out) != "key_unavailable" {
		t.Fatalf("init with the key file inside the data folder: %d %s", code, out)
	}
	if _, err := os.Stat(filepath.Join(other, "khóa")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a folder was made for a refused key file: %v", err)
	}
}
