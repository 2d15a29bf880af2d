package app

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"

	"hoso/attach"
	"hoso/store"
)

// Files keeps the files records carry — a piece of evidence on a plan's
// task today, scanned papers tomorrow — as blobs of the store (encrypted
// at rest like every record, the same file stored once): Put checks and
// stores a file and answers its attach.Ref, which the caller then puts in
// a record; Get opens a file a record names, for whoever may read that
// record. A record syncs before its files: on a node the file has not
// reached yet, Get answers the record's Ref with Synced false, never an
// error page.
type Files struct {
	core *Core
}

// NewFiles returns the Files service.
func NewFiles(core *Core) *Files { return &Files{core: core} }

// MaxFileBytes bounds a file a record carries: attach.DefaultMaxSize.
const MaxFileBytes = attach.DefaultMaxSize

// FilePutRequest is a file to store: its name and its bytes in base64.
type FilePutRequest struct {
	Name    string `json:"name"`
	Content string `json:"content"`
}

// fileErr turns a rule a file breaks into the *Error the clerk sees.
func fileErr(field string, re *attach.RuleError) *Error {
	// "scope" tells the interface the rule is a file's, worded under
	// files.rules whatever the record it was for.
	params := map[string]string{"rule": re.Rule, "scope": "file"}
	for k, v := range re.Params {
		params[k] = v
	}
	return &Error{Code: CodeInvalidInput, Field: field, Message: re.Message, Params: params}
}

// Put checks a file (attach.Check: its kind read from its bytes, its size,
// a PDF whole and not encrypted) and stores it, answering the Ref a record
// names it by. A file refused leaves nothing behind; the same file put
// twice is stored once.
func (f *Files) Put(ctx context.Context, req FilePutRequest) (attach.Ref, error) {
	d, err := f.core.Deps()
	if err != nil {
		return attach.Ref{}, err
	}
	if base64.StdEncoding.DecodedLen(len(req.Content)) > MaxFileBytes+3 {
		return attach.Ref{}, fileErr("content", &attach.RuleError{Rule: "too_large", Params: map[string]string{"max": strconv.Itoa(MaxFileBytes >> 20)}, Message: "the file is larger than the limit"})
	}
	data, err := base64.StdEncoding.DecodeString(req.Content)
	if err != nil {
		return attach.Ref{}, &Error{Code: CodeInvalidInput, Field: "content", Message: "the file's content is not base64", Params: map[string]string{"rule": "bad_encoding", "scope": "file"}}
	}
	name := strings.TrimSpace(req.Name)
	kind, re := attach.Check(name, data, MaxFileBytes)
	if re != nil {
		return attach.Ref{}, fileErr("content", re)
	}
	id, err := d.Store.PutBlob(data)
	if err != nil {
		return attach.Ref{}, Wrap(CodeDataUnavailable, err, "storing the file")
	}
	return attach.Ref{ID: id.String(), Name: name, Type: kind, Size: int64(len(data))}, nil
}

// FileRequest names a file by the record that carries it: the record's
// subject and the file's address.
type FileRequest struct {
	Subject string `json:"subject"`
	ID      string `json:"id"`
}

// FileReply is a file a record carries: its Ref, and its bytes in base64
// when this node holds them (Synced), or none yet.
type FileReply struct {
	Ref     attach.Ref `json:"ref"`
	Synced  bool       `json:"synced"`
	Content string     `json:"content,omitempty"`
}

// Get opens a file a record names, for a caller whose office may read the
// record: the office that wrote it or one it was addressed to, or an
// office above one of those. A file no readable record names is not found,
// so a file's existence is not disclosed by its address.
func (f *Files) Get(ctx context.Context, req FileRequest) (FileReply, error) {
	d, err := f.core.Deps()
	if err != nil {
		return FileReply{}, err
	}
	notFound := &Error{Code: CodeNotFound, Field: "id", Message: "no file " + req.ID + " in record " + req.Subject, Params: map[string]string{"id": req.ID}}
	id, err := store.ParseBlobID(req.ID)
	if err != nil {
		return FileReply{}, notFound
	}
	if _, ok := SpaceOf(req.Subject); !ok {
		return FileReply{}, notFound
	}
	cl := CallerFrom(ctx)
	if ok, err := mayReadSubject(d.Store, cl, req.Subject); err != nil {
		return FileReply{}, err
	} else if !ok {
		return FileReply{}, notFound
	}
	events, err := d.Store.Events(req.Subject)
	if err != nil {
		return FileReply{}, Wrap(CodeInternal, err, "reading record "+req.Subject)
	}
	var ref *attach.Ref
	for _, e := range events {
		if r := findRef(e.Body, req.ID); r != nil {
			ref = r
		}
	}
	if ref == nil {
		return FileReply{}, notFound
	}
	// A citizen's scan opened by a user who does not hold the dossier is
	// a read of personal data (dossier_files.go).
	if err := logFileRead(ctx, d.Store, req.Subject); err != nil {
		return FileReply{}, err
	}
	data, err := d.Store.Blob(id)
	if errors.Is(err, store.ErrNoBlob) {
		return FileReply{Ref: *ref}, nil
	}
	if err != nil {
		return FileReply{}, Wrap(CodeDataUnavailable, err, "reading file "+req.ID)
	}
	return FileReply{Ref: *ref, Synced: true, Content: base64.StdEncoding.EncodeToString(data)}, nil
}

// mayReadSubject reports whether the caller's office may read a record:
// the operator reads every record; an office reads those written by or
// addressed to it or to an office below it.
func mayReadSubject(st *store.Store, cl Caller, subject string) (bool, error) {
	if cl.Operator {
		return true, nil
	}
	offices, err := st.Audience(subject)
	if err != nil {
		return false, Wrap(CodeInternal, err, "reading record "+subject)
	}
	mine := callerOffice(st, cl)
	if slices.Contains(offices, mine) {
		return true, nil
	}
	for _, o := range offices {
		if ok, err := officeSees(st, mine, o); err != nil {
			return false, err
		} else if ok {
			return true, nil
		}
	}
	return false, nil
}

// findRef finds in an event's JSON body the Ref with address id, wherever
// the record keeps it.
func findRef(body []byte, id string) *attach.Ref {
	if !strings.Contains(string(body), id) {
		return nil
	}
	var v any
	if json.Unmarshal(body, &v) != nil {
		return nil
	}
	var walk func(any) *attach.Ref
	walk = func(v any) *attach.Ref {
		switch x := v.(type) {
		case map[string]any:
			if x["id"] == id {
				if _, ok := x["type"].(string); ok {
					var r attach.Ref
					b, _ := json.Marshal(x)
					if json.Unmarshal(b, &r) == nil {
						return &r
					}
				}
			}
			for _, c := range x {
				if r := walk(c); r != nil {
					return r
				}
			}
		case []any:
			for _, c := range x {
				if r := walk(c); r != nil {
					return r
				}
			}
		}
		return nil
	}
	return walk(v)
}
