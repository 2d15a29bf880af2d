// Package node assembles a node from its data folder: the identity, the
// database and the files that let a second process find a running one. The
// desktop and the headless node both start here.
package node

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// The files and folders inside a data folder.
const (
	// DBDir holds the Badger database.
	DBDir = "db"
	// TokenFile holds the secret that admits a browser to the node's console
	// (users then log in).
	TokenFile = "console.token"
	// OperatorTokenFile holds the secret of the node's operator: the CLI on
	// this machine, which acts with every right, as whoever can read the
	// data folder could anyway.
	OperatorTokenFile = "operator.token"
	// ServeFile is written while `hoso-node serve` runs: where to reach it.
	ServeFile = "serve.json"
	// LockFile is locked by the process that has the folder open on the
	// CLI's behalf: serve for its whole life, or a CLI call that opened the
	// folder itself. It decides the handover (see TryLockFolder).
	LockFile = "node.lock"
	// DesktopFile is written while the desktop window holds the folder's
	// lock: which process has it, so a CLI call answers at once instead of
	// waiting for a serve that will never come.
	DesktopFile = "desktop.json"
)

// DefaultDataDir returns the per-user data folder: %APPDATA%\HoSoMotCua on
// Windows, $XDG_DATA_HOME/hoso (default ~/.local/share/hoso) elsewhere.
func DefaultDataDir() (string, error) {
	if runtime.GOOS == "windows" {
		base, err := os.UserConfigDir() // %APPDATA%
		if err != nil {
			return "", fmt.Errorf("finding the per-user data folder: %w", err)
		}
		return filepath.Join(base, "HoSoMotCua"), nil
	}
	if x := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(x) {
		return filepath.Join(x, "hoso"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("finding the home folder: %w", err)
	}
	return filepath.Join(home, ".local", "share", "hoso"), nil
}

// ensureDir creates dir (and its parents) with owner-only permissions, and
// tightens an existing one: it holds citizens' records and the node's key.
func ensureDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("creating data folder %s: %w", dir, err)
	}
	if runtime.GOOS != "windows" {
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("restricting data folder %s: %w", dir, err)
		}
	}
	return nil
}

// writePrivate writes a file readable only by its owner, atomically.
func writePrivate(path string, data []byte) error { return WriteFileAtomic(path, data, 0o600) }

// WriteFileAtomic writes data to path with mode through a temporary file
// beside it, renamed into place: a failure never leaves half a file under
// path.
func WriteFileAtomic(path string, data []byte, mode os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(mode); err != nil && runtime.GOOS != "windows" {
		tmp.Close()
		return fmt.Errorf("setting the mode of %s: %w", path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// exists reports whether path exists.
func exists(path string) bool {
	_, err := os.Stat(path)
	return !errors.Is(err, os.ErrNotExist)
}
