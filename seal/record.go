package seal

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Record format constants; doc.go describes the layout.
const (
	// FileName is the sealed record's name inside the data folder.
	FileName = "datakey.json"

	formatName    = "hoso-datakey"
	formatVersion = 1
	maxRecordSize = 64 << 10
	keyIDBytes    = 16

	storeSecretService = "secret-service"
	storeDPAPI         = "dpapi"
)

// b64 is a byte string that JSON carries as strict, padded standard base64.
type b64 []byte

// MarshalText encodes b as standard base64.
func (b b64) MarshalText() ([]byte, error) {
	return []byte(base64.StdEncoding.EncodeToString(b)), nil
}

// UnmarshalText decodes strict standard base64.
func (b *b64) UnmarshalText(text []byte) error {
	out, err := base64.StdEncoding.Strict().DecodeString(string(text))
	if err != nil {
		return err
	}
	*b = out
	return nil
}

// record is datakey.json as stored. Field order is the file's field order.
type record struct {
	Format     string     `json:"format"`
	Version    int        `json:"version"`
	Method     Method     `json:"method"`
	KeyID      string     `json:"key_id"`
	Created    string     `json:"created"`
	Passphrase *wrap      `json:"passphrase,omitempty"`
	KeyFile    *keyFileAt `json:"keyfile,omitempty"`
	Env        *envAt     `json:"env,omitempty"`
	OS         *osAt      `json:"os,omitempty"`
	Recovery   wrap       `json:"recovery"`
	Check      b64        `json:"check"`
}

// wrap is the data key encrypted under a key derived from a secret.
type wrap struct {
	KDF string `json:"kdf"`
	KDFParams
	Salt       b64    `json:"salt"`
	AEAD       string `json:"aead"`
	Nonce      b64    `json:"nonce"`
	Ciphertext b64    `json:"ciphertext"`
}

type keyFileAt struct {
	Path string `json:"path"`
}

type envAt struct {
	Name string `json:"name"`
}

type osAt struct {
	Store   string `json:"store"`
	Account string `json:"account,omitempty"`
	Blob    b64    `json:"blob,omitempty"`
}

// encode returns the canonical bytes of r as written to disk.
func (r *record) encode() ([]byte, error) {
	out, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encoding %s: %w", FileName, err)
	}
	return append(out, '\n'), nil
}

// decodeRecord parses and validates datakey.json. It accepts only what encode
// would write (whitespace aside), so no byte can change without notice.
func decodeRecord(data []byte) (*record, error) {
	if len(data) > maxRecordSize {
		return nil, fmt.Errorf("%s is %d bytes, more than %d: %w", FileName, len(data), maxRecordSize, ErrCorrupt)
	}
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("parsing %s: %v: %w", FileName, err, ErrCorrupt)
	}
	if head.Format != formatName {
		return nil, fmt.Errorf("%s: format is %q, want %q: %w", FileName, head.Format, formatName, ErrCorrupt)
	}
	if head.Version > formatVersion {
		return nil, fmt.Errorf("%s has version %d; this program reads version %d: %w", FileName, head.Version, formatVersion, ErrUnsupported)
	}
	var r record
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("parsing %s: %v: %w", FileName, err, ErrCorrupt)
	}
	if err := r.validate(); err != nil {
		return nil, fmt.Errorf("%s: %v: %w", FileName, err, ErrCorrupt)
	}
	want, err := json.Marshal(&r)
	if err != nil {
		return nil, fmt.Errorf("re-encoding %s: %v: %w", FileName, err, ErrCorrupt)
	}
	var got bytes.Buffer
	if err := json.Compact(&got, data); err != nil {
		return nil, fmt.Errorf("parsing %s: %v: %w", FileName, err, ErrCorrupt)
	}
	if !bytes.Equal(got.Bytes(), want) {
		return nil, fmt.Errorf("%s is not in the form this program writes (edited by hand?): %w", FileName, ErrCorrupt)
	}
	return &r, nil
}

// validate checks every field's shape; it does not need the key.
func (r *record) validate() error {
	if r.Version != formatVersion {
		return fmt.Errorf("version %d", r.Version)
	}
	if !isLowerHex(r.KeyID, 2*keyIDBytes) {
		return errors.New("bad key_id")
	}
	t, err := time.Parse(time.RFC3339, r.Created)
	if err != nil || t.UTC().Format(time.RFC3339) != r.Created {
		return errors.New("bad created time")
	}
	if err := r.Recovery.validate(); err != nil {
		return fmt.Errorf("recovery: %v", err)
	}
	if len(r.Check) != checkSize {
		return errors.New("bad check length")
	}
	present := 0
	for _, p := range []bool{r.Passphrase != nil, r.KeyFile != nil, r.Env != nil, r.OS != nil} {
		if p {
			present++
		}
	}
	if present != 1 {
		return fmt.Errorf("%d method sections, want 1", present)
	}
	switch r.Method {
	case MethodPassphrase:
		if r.Passphrase == nil {
			return errors.New("method passphrase without its section")
		}
		if err := r.Passphrase.validate(); err != nil {
			return fmt.Errorf("passphrase: %v", err)
		}
	case MethodKeyFile:
		if r.KeyFile == nil || !validPath(r.KeyFile.Path) {
			return errors.New("method keyfile without a valid path")
		}
	case MethodEnv:
		if r.Env == nil || !validEnvName(r.Env.Name) {
			return errors.New("method env without a valid variable name")
		}
	case MethodOS:
		if r.OS == nil {
			return errors.New("method os without its section")
		}
		return r.OS.validate()
	default:
		return fmt.Errorf("unknown method %q", r.Method)
	}
	return nil
}

func (w *wrap) validate() error {
	if w.KDF != kdfName || w.AEAD != aeadName {
		return fmt.Errorf("unknown algorithms %q/%q", w.KDF, w.AEAD)
	}
	if err := w.KDFParams.validate(); err != nil {
		return err
	}
	if len(w.Salt) < minSalt || len(w.Salt) > maxSalt {
		return errors.New("bad salt length")
	}
	if len(w.Nonce) != nonceSize || len(w.Ciphertext) != KeySize+tagSize {
		return errors.New("bad nonce or ciphertext length")
	}
	return nil
}

func (o *osAt) validate() error {
	switch o.Store {
	case storeSecretService:
		if o.Account == "" || len(o.Account) > 256 || len(o.Blob) != 0 {
			return errors.New("os: secret-service needs an account and no blob")
		}
	case storeDPAPI:
		if o.Account != "" || len(o.Blob) == 0 || len(o.Blob) > 8<<10 {
			return errors.New("os: dpapi needs a blob and no account")
		}
	default:
		return fmt.Errorf("os: unknown store %q", o.Store)
	}
	return nil
}

func isLowerHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

func validPath(p string) bool {
	return p != "" && len(p) <= 4096 && !bytes.ContainsRune([]byte(p), 0)
}
