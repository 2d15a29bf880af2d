package main

import (
	"os"
	"path/filepath"
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
