package node

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"hoso/app"
)

func TestInitCreatesAPrivateFolderAndIsIdempotent(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	n, err := Init(InitOptions{Dir: dir, Office: app.Office{Code: "38", Name: "Thanh Hóa"}})
	if err != nil {
		t.Fatal(err)
	}
	peer := n.Identity.PeerID
	tok, err := ReadToken(dir)
	if err != nil {
		t.Fatal(err)
	}
	n.Close()
	if runtime.GOOS != "windows" {
		for _, p := range []string{dir, filepath.Join(dir, TokenFile)} {
			st, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if st.Mode().Perm()&0o077 != 0 {
				t.Errorf("%s has mode %o; others may read it", p, st.Mode().Perm())
			}
		}
	}
	n, err = Init(InitOptions{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	tok2, _ := ReadToken(dir)
	if n.Identity.PeerID != peer || tok2 != tok {
		t.Fatal("a second Init replaced the identity or the token")
	}
}

func TestOpenErrorsCarryCodes(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(dir); app.AsError(err).Code != app.CodeNotInitialised {
		t.Fatalf("empty folder: got %v", err)
	}
	n, err := Init(InitOptions{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	if _, err := Open(dir); app.AsError(err).Code != app.CodeDataInUse {
		t.Fatalf("second open: got %v, want data_in_use", err)
	}
}

func TestDefaultDataDirFollowsXDG(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("XDG is for Unix desktops")
	}
	t.Setenv("XDG_DATA_HOME", "/srv/xdg")
	if d, _ := DefaultDataDir(); d != "/srv/xdg/hoso" {
		t.Fatalf("got %s", d)
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/clerk")
	if d, _ := DefaultDataDir(); d != "/home/clerk/.local/share/hoso" {
		t.Fatalf("got %s", d)
	}
}
