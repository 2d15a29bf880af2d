// Package attach holds the rules a file must meet before a record may
// carry it — a scanned paper, a signed result, a piece of evidence: its
// kind read from its bytes (never from its name alone), its size, and for
// a PDF that it is whole and not encrypted, so that whoever opens it later
// (an inspector, the office above) can. It knows neither the store nor
// the clock: app stores the file as a blob and names it in the record.
package attach

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Kinds of file a record may carry, as MIME types.
const (
	TypePDF  = "application/pdf"
	TypeJPEG = "image/jpeg"
	TypePNG  = "image/png"
)

// DefaultMaxSize bounds a file when the caller sets no limit: a scanned
// paper of several pages at 300 dpi fits [verify: an administrator may
// change it].
const DefaultMaxSize = 10 << 20

// MaxNameLen bounds a file's name as kept in a record.
const MaxNameLen = 120

// extensions maps each kind to the names it may carry.
var extensions = map[string][]string{
	TypePDF:  {".pdf"},
	TypeJPEG: {".jpg", ".jpeg"},
	TypePNG:  {".png"},
}

// Ref names a file a record carries: its blob's address (SHA-256, hex),
// the name it was given, its kind and its size. A record holds the Ref;
// the bytes travel apart and may arrive later.
type Ref struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"`
	Size int64  `json:"size"`
}

// RuleError is a rule a file breaks: the rule's name, which the interface
// words, and a message for the log.
type RuleError struct {
	Rule    string
	Message string
	// Params are the figures the message names (the limit, the kind).
	Params map[string]string
}

// Error returns the message.
func (e *RuleError) Error() string { return e.Message }

func refuse(rule string, params map[string]string, format string, args ...any) *RuleError {
	return &RuleError{Rule: rule, Params: params, Message: fmt.Sprintf(format, args...)}
}

// Check reads a file's kind from its bytes and checks it against its name
// and the rules; maxSize ≤ 0 means DefaultMaxSize. It returns the file's
// kind, or the rule it breaks: empty, too_large, bad_name, bad_type,
// type_mismatch, pdf_encrypted, damaged.
func Check(name string, data []byte, maxSize int64) (string, *RuleError) {
	if maxSize <= 0 {
		maxSize = DefaultMaxSize
	}
	name = strings.TrimSpace(name)
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case len(data) == 0:
		return "", refuse("empty", nil, "%s is empty", name)
	case int64(len(data)) > maxSize:
		return "", refuse("too_large", map[string]string{"max": fmt.Sprint(maxSize >> 20)}, "%s is %d bytes, more than %d", name, len(data), maxSize)
	case name == "" || !utf8.ValidString(name) || len(name) > MaxNameLen || strings.ContainsAny(name, "/\\\x00"):
		return "", refuse("bad_name", nil, "a file's name is at most %d characters, without / or \\", MaxNameLen)
	}
	kind := http.DetectContentType(data)
	exts, ok := extensions[kind]
	if !ok {
		return "", refuse("bad_type", map[string]string{"type": kind}, "%s is %s, not a PDF, JPEG or PNG", name, kind)
	}
	if !slices.Contains(exts, ext) {
		return "", refuse("type_mismatch", map[string]string{"type": kind}, "%s is named %s but is %s", name, ext, kind)
	}
	switch kind {
	case TypePDF:
		return kind, checkPDF(name, data)
	case TypeJPEG:
		return kind, checkImage(name, data, jpeg.DecodeConfig, []byte{0xFF, 0xD9})
	default:
		return kind, checkImage(name, data, png.DecodeConfig, []byte("IEND"))
	}
}

// encryptKey matches the /Encrypt entry of a trailer or cross-reference
// stream dictionary: the name followed by a reference or a dictionary.
var encryptKey = regexp.MustCompile(`/Encrypt\s*(\d|<<)`)

// checkPDF refuses a PDF cut short (no end-of-file marker near its end, as
// a transfer that stopped leaves it) or encrypted (its trailer names an
// /Encrypt dictionary: the office above could not open it without the
// password).
func checkPDF(name string, data []byte) *RuleError {
	tail := data[max(0, len(data)-2048):]
	if !bytes.Contains(tail, []byte("%%EOF")) {
		return refuse("damaged", nil, "%s is not a whole PDF: its end is missing", name)
	}
	if encryptKey.Match(data) {
		return refuse("pdf_encrypted", nil, "%s is an encrypted PDF", name)
	}
	return nil
}

// checkImage refuses an image whose header does not decode or whose end
// marker is missing (a scan cut short).
func checkImage(name string, data []byte, decode func(io.Reader) (image.Config, error), end []byte) *RuleError {
	cfg, err := decode(bytes.NewReader(data))
	if err != nil || cfg.Width == 0 || cfg.Height == 0 {
		return refuse("damaged", nil, "%s is not a readable image", name)
	}
	if !bytes.Contains(data[max(0, len(data)-64):], end) {
		return refuse("damaged", nil, "%s is not a whole image: its end is missing", name)
	}
	return nil
}
