package seal

import (
	"bytes"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// maxKeyFileSize bounds what is read from a key file or variable.
const maxKeyFileSize = 1 << 10

// keyFilePath makes p absolute and refuses it inside dataDir (or equal to
// it): a key file there would be plain text beside the data.
func keyFilePath(dataDir, p string) (string, error) {
	if !validPath(p) {
		return "", fmt.Errorf("method keyfile needs the key file's path: %w", ErrInvalidOptions)
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", fmt.Errorf("resolving key file path %s: %v: %w", p, err, ErrInvalidOptions)
	}
	inside, err := within(dataDir, abs)
	if err != nil {
		return "", err
	}
	if inside {
		return "", fmt.Errorf("key file %s is inside the data folder %s; keep it outside, ideally on another volume: %w", abs, dataDir, ErrInsecureKeyFile)
	}
	return abs, nil
}

// within reports whether path lies in dir or is dir, after resolving
// symbolic links of dir and of path's parent folder (which must exist).
func within(dir, path string) (bool, error) {
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return false, fmt.Errorf("resolving data folder %s: %w", dir, err)
	}
	realParent, err := filepath.EvalSymlinks(filepath.Dir(path))
	if err != nil {
		return false, fmt.Errorf("resolving key file folder %s: %v: %w", filepath.Dir(path), err, ErrInvalidOptions)
	}
	realDir, _ = filepath.Abs(realDir)
	realParent, _ = filepath.Abs(realParent)
	rel, err := filepath.Rel(realDir, filepath.Join(realParent, filepath.Base(path)))
	if err != nil {
		return false, nil // different volumes
	}
	return rel == "." || (rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))), nil
}

// writeKeyFile writes key as one line of base64 to a new owner-only file. If
// the file exists and already holds key, it is kept (a rewrap to the same
// path); any other existing file is ErrExists.
func writeKeyFile(path string, key []byte) (created bool, err error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		old, rerr := readKeyFile(path)
		if rerr == nil && subtle.ConstantTimeCompare(old, key) == 1 {
			return false, nil
		}
		return false, fmt.Errorf("key file %s already exists; choose another path or remove it: %w", path, ErrExists)
	}
	if err != nil {
		return false, fmt.Errorf("creating key file %s: %v: %w", path, err, ErrInvalidOptions)
	}
	line := base64.StdEncoding.EncodeToString(key) + "\n"
	_, err = f.WriteString(line)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return false, fmt.Errorf("writing key file %s: %w", path, err)
	}
	return true, nil
}

// readKeyFile reads a key file, refusing on Unix one that group or others
// may access.
func readKeyFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading key file %s: %v: %w", path, err, ErrKeyUnavailable)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("reading key file %s: %v: %w", path, err, ErrKeyUnavailable)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("key file %s is not a regular file: %w", path, ErrKeyUnavailable)
	}
	if perm := fi.Mode().Perm(); runtime.GOOS != "windows" && perm&0o077 != 0 {
		return nil, fmt.Errorf("key file %s has mode %04o, so other users may read it; run: chmod 600 %s: %w", path, perm, path, ErrInsecureKeyFile)
	}
	text, err := io.ReadAll(io.LimitReader(f, maxKeyFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("reading key file %s: %v: %w", path, err, ErrKeyUnavailable)
	}
	key, err := parseKeyText(text)
	if err != nil {
		return nil, fmt.Errorf("key file %s: %v: %w", path, err, ErrKeyUnavailable)
	}
	return key, nil
}

// parseKeyText reads a 32-byte key written as one line of standard base64
// (as this package writes it) or of hex.
func parseKeyText(text []byte) ([]byte, error) {
	if len(text) > maxKeyFileSize {
		return nil, errors.New("too long to be a key")
	}
	s := string(bytes.TrimSpace(text))
	if len(s) == 2*KeySize {
		if key, err := hex.DecodeString(s); err == nil {
			return key, nil
		}
	}
	key, err := base64.StdEncoding.Strict().DecodeString(s)
	if err != nil || len(key) != KeySize {
		return nil, fmt.Errorf("does not hold a %d-byte key as one line of base64 or hex", KeySize)
	}
	return key, nil
}
