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
// symbolic links of dir and of path's nearest existing folder: the key
// file's folder need not exist yet (writeKeyFile makes it), but a link on
// the way to it is followed all the same.
func within(dir, path string) (bool, error) {
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return false, fmt.Errorf("resolving data folder %s: %w", dir, err)
	}
	realParent, err := resolveExisting(filepath.Dir(path))
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

// resolveExisting resolves the symbolic links of the longest part of the
// clean, absolute path p that exists, and appends the missing rest.
func resolveExisting(p string) (string, error) {
	rest := ""
	for {
		real, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		parent := filepath.Dir(p)
		if !errors.Is(err, fs.ErrNotExist) || parent == p {
			return "", err
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// makeFolders creates dir and its missing parents with owner-only
// permissions, as the data folder is made, and returns the folders it
// created, deepest first, for removeFolders to undo.
func makeFolders(dir string) ([]string, error) {
	var missing []string
	for p := dir; ; p = filepath.Dir(p) {
		if _, err := os.Lstat(p); err == nil || !errors.Is(err, fs.ErrNotExist) || filepath.Dir(p) == p {
			break
		}
		missing = append(missing, p)
	}
	if len(missing) == 0 {
		return nil, nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("creating key file folder %s: %v: %w", dir, err, ErrInvalidOptions)
	}
	return missing, nil
}

// removeFolders removes the folders makeFolders created, deepest first;
// one that something else has filled since stays.
func removeFolders(dirs []string) {
	for _, d := range dirs {
		os.Remove(d)
	}
}

// writeKeyFile writes key as one line of base64 to a new owner-only file,
// creating its folder (owner-only) when missing. If the file exists and
// already holds key, it is kept (a rewrap to the same path); any other
// existing file is ErrExists. undo removes what it created, the file and
// the folders; it is nil when nothing was created.
func writeKeyFile(path string, key []byte) (undo func(), err error) {
	made, err := makeFolders(filepath.Dir(path))
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		old, rerr := readKeyFile(path)
		if rerr == nil && subtle.ConstantTimeCompare(old, key) == 1 {
			return nil, nil
		}
		return nil, fmt.Errorf("key file %s already exists; choose another path or remove it: %w", path, ErrExists)
	}
	if err != nil {
		removeFolders(made)
		return nil, fmt.Errorf("creating key file %s: %v: %w", path, err, ErrInvalidOptions)
	}
	line := base64.StdEncoding.EncodeToString(key) + "\n"
	_, err = f.WriteString(line)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	undo = func() {
		os.Remove(path)
		removeFolders(made)
	}
	if err != nil {
		undo()
		return nil, fmt.Errorf("writing key file %s: %w", path, err)
	}
	return undo, nil
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
