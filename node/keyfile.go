package node

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
)

// DefaultKeyFile is where `hoso-node init` puts a headless node's data key
// when no --key-file is given: in the user's configuration folder
// (~/.config/hoso/keys on Linux), apart from the data folder, named after
// the data folder's path so several nodes of one user do not collide. A
// server should rather keep it on another volume (--key-file).
func DefaultKeyFile(dataDir string) (string, error) {
	abs, err := filepath.Abs(dataDir)
	if err != nil {
		return "", fmt.Errorf("resolving %s: %w", dataDir, err)
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the configuration folder: %w", err)
	}
	sum := sha256.Sum256([]byte(abs))
	dir := filepath.Join(base, "hoso", "keys")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("creating %s: %w", dir, err)
	}
	return filepath.Join(dir, filepath.Base(abs)+"-"+hex.EncodeToString(sum[:4])+".key"), nil
}
