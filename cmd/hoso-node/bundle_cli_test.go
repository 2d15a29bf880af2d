package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// The bundle commands stream the file: from a folder opened here, and to
// and from a node serving its folder (/bundle/import, /bundle/export),
// which the RPC's 4 MB bodies would refuse past a small office's data.
// While the node serves, Badger locks its folder: the import and the second
// export can only have gone through the node.
func TestBundleCommandsStreamToAServingNode(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a node")
	}
	base := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	p, d := filepath.Join(base, "P"), filepath.Join(base, "D")
	cli(t, "init", "--data", p, "--key-file", p+".key", "--root", "--office-code", "38", "--office-name", "UBND tỉnh Thanh Hóa")
	cli(t, "init", "--data", d, "--key-file", d+".key", "--office-code", "405", "--office-name", "UBND huyện Đông Sơn")
	cli(t, "enrol", "issue", "--data", p, "--key-file", p+".key", "--peer", peerIDOf(t, d), "--office", "405", "--role", "district", "--out", d+".txt")
	cli(t, "enrol", "accept", "--data", d, "--key-file", d+".key", d+".txt")

	type reply struct {
		Events int   `json:"events"`
		Added  int   `json:"added"`
		Bytes  int64 `json:"bytes"`
	}
	var out reply
	file := filepath.Join(base, "for-d.hsb")
	if err := json.Unmarshal([]byte(cli(t, "bundle", "export", "--data", p, "--key-file", p+".key", "--since-peer", peerIDOf(t, d), "--out", file)), &out); err != nil || out.Events == 0 {
		t.Fatalf("export from the folder: %+v %v", out, err)
	}
	if info, err := os.Stat(file); err != nil || info.Size() != out.Bytes || info.Mode().Perm() != 0o600 {
		t.Fatalf("the bundle file: %v %v (reply said %d bytes)", info, err, out.Bytes)
	}

	serveProcess(t, d)
	var in reply
	if err := json.Unmarshal([]byte(cli(t, "bundle", "import", "--data", d, "--key-file", d+".key", file)), &in); err != nil || in.Added == 0 || in.Bytes != out.Bytes {
		t.Fatalf("import into the serving node: %+v %v", in, err)
	}
	again := filepath.Join(base, "from-d.hsb")
	if err := json.Unmarshal([]byte(cli(t, "bundle", "export", "--data", d, "--key-file", d+".key", "--all", "--out", again)), &out); err != nil || out.Events < in.Added {
		t.Fatalf("export from the serving node: %+v %v", out, err)
	}
	if info, err := os.Stat(again); err != nil || info.Size() != out.Bytes {
		t.Fatalf("the bundle file: %v %v (reply said %d bytes)", info, err, out.Bytes)
	}
}
