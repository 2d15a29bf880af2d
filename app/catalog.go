package app

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"sort"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"hoso/catalog"
	"hoso/store"
)

const (
	procedurePrefix   = "procedure/"
	kindProcedureSave = "procedure.defined"
	procedureProjID   = "procedure"
	// maxImportBytes bounds an imported file.
	maxImportBytes = 20 << 20
	// importChunk is how many procedures one import transaction writes,
	// and importChunkBytes how many bytes of their bodies at most (a
	// larger procedure goes alone): a local write is one transaction,
	// and Badger refuses one above 15% of a desk's 2 MB memtable, ~300 KB,
	// which a procedure's event, its projection's state and its indexes
	// fill at a little over twice its body. The file was validated whole
	// before the first is written.
	importChunk      = 200
	importChunkBytes = 96 << 10
)

// ProcedureVersion is one saved version of a procedure.
type ProcedureVersion struct {
	Version int       `json:"version"`
	At      time.Time `json:"at"`
	Actor   string    `json:"actor"`
	// Office is the office that recorded the version: it is in force there
	// and below, never above (a commune's own wording of a procedure does
	// not change its district's or province's catalog).
	Office    string            `json:"office,omitempty"`
	Procedure catalog.Procedure `json:"procedure"`
}

// procedureRecord is a procedure's folded state: every version, so a
// dossier can show the one it was received under.
type procedureRecord struct {
	Versions []ProcedureVersion `json:"versions"`
}

// current is the latest version recorded by any office: what the record
// holds, whoever it applies to.
func (r *procedureRecord) current() (ProcedureVersion, bool) {
	return r.inForce(nil)
}

// inForce is the version in force for an office whose chain (itself and
// the offices above it, catalogChain) is given: the latest recorded by one
// of them. A nil chain takes the latest of all.
func (r *procedureRecord) inForce(chain map[string]bool) (ProcedureVersion, bool) {
	for i := len(r.Versions) - 1; i >= 0; i-- {
		if v := r.Versions[i]; chain == nil || chain[v.Office] {
			return v, true
		}
	}
	return ProcedureVersion{}, false
}

// catalogChain is the set of offices whose catalog versions are in force
// at office: itself and every office above it.
func catalogChain(st *store.Store, office string) map[string]bool {
	chain := map[string]bool{}
	_ = upTree(st, office, func(code string) (bool, error) {
		chain[code] = true
		return false, nil
	})
	return chain
}

// procedureProjectionV folds "procedure/<code>". Version 2 records the
// office of each version, so that a version applies only at its office
// and below (version 1 let the latest of any office apply everywhere).
type procedureProjectionV struct {
	jsonProjection[procedureRecord]
}

// Version is the fold's version (see store.Versioned).
func (procedureProjectionV) Version() uint32 { return 2 }

var procedureProjection = procedureProjectionV{jsonProjection[procedureRecord]{
	name:   procedureProjID,
	prefix: procedurePrefix,
	apply: func(s *procedureRecord, e *store.Event) {
		var p catalog.Procedure
		if e.Kind != kindProcedureSave || !decodeBody(e, &p) {
			return
		}
		s.Versions = append(s.Versions, ProcedureVersion{Version: len(s.Versions) + 1, At: e.HLC.Time(), Actor: e.Actor, Office: e.Owner, Procedure: p})
	},
	index: func(subject string, s *procedureRecord) []store.IndexEntry {
		cur, ok := s.current()
		if !ok {
			return nil
		}
		return []store.IndexEntry{{Index: "code", Key: []byte(cur.Procedure.Code)}}
	},
}}

// Catalog manages the procedure catalog.
type Catalog struct {
	core *Core
}

// NewCatalog returns the Catalog service.
func NewCatalog(core *Core) *Catalog { return &Catalog{core: core} }

// ProcedureSummary is a catalog list row.
type ProcedureSummary struct {
	Code                string        `json:"code"`
	Name                string        `json:"name"`
	Sector              string        `json:"sector"`
	Level               catalog.Level `json:"level"`
	TimeLimitWD         int           `json:"timeLimitWD"`
	ExtendedTimeLimitWD *int          `json:"extendedTimeLimitWD"`
	FeeVND              *int64        `json:"feeVND"`
	FeeNote             string        `json:"feeNote"`
	// Fee is the procedure's fee rule as in force (catalog.Procedure.FeeRule:
	// derived from FeeVND on older records).
	Fee            catalog.FeeRule     `json:"fee"`
	ExtendedReason string              `json:"extendedReason,omitempty"`
	DecidingAgency string              `json:"decidingAgency,omitempty"`
	Interagency    catalog.Interagency `json:"interagency"`
	Active         bool                `json:"active"`
	Version        int                 `json:"version"`
}

// CatalogQuery filters the list: Query matches code or name without
// accents or case; Sector matches exactly.
type CatalogQuery struct {
	Query  string `json:"query"`
	Sector string `json:"sector"`
}

// CatalogList is the filtered list and every sector.
type CatalogList struct {
	Procedures []ProcedureSummary `json:"procedures"`
	Sectors    []string           `json:"sectors"`
}

// fold lower-cases and strips Vietnamese accents, so "khai sinh" finds
// "Đăng ký khai sinh".
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	out = strings.NewReplacer("đ", "d", "Đ", "D").Replace(out)
	return strings.ToLower(out)
}

// all reads every procedure's record.
func (c *Catalog) all(st *store.Store) ([]procedureRecord, error) {
	hits, err := st.Scan(procedureProjID, "code", store.ScanOptions{})
	if err != nil {
		return nil, Wrap(CodeInternal, err, "listing the catalog")
	}
	out := make([]procedureRecord, 0, len(hits))
	for _, h := range hits {
		var r procedureRecord
		if ok, err := readState(st, procedureProjID, h.Subject, &r); err != nil {
			return nil, err
		} else if ok {
			out = append(out, r)
		}
	}
	return out, nil
}

// List returns the procedures matching the query.
func (c *Catalog) List(req CatalogQuery) (CatalogList, error) {
	d, err := c.core.Deps()
	if err != nil {
		return CatalogList{}, err
	}
	recs, err := c.all(d.Store)
	if err != nil {
		return CatalogList{}, err
	}
	q := fold(strings.TrimSpace(req.Query))
	sectors := map[string]bool{}
	out := CatalogList{Procedures: []ProcedureSummary{}, Sectors: []string{}}
	chain := catalogChain(d.Store, nodeOffice(d.Store))
	for _, r := range recs {
		v, ok := r.inForce(chain)
		if !ok {
			continue // recorded only by an office below this one
		}
		p := v.Procedure
		sectors[p.Sector] = true
		if req.Sector != "" && p.Sector != req.Sector {
			continue
		}
		if q != "" && !strings.Contains(fold(p.Name), q) && !strings.Contains(fold(p.Code), q) {
			continue
		}
		out.Procedures = append(out.Procedures, ProcedureSummary{
			Code: p.Code, Name: p.Name, Sector: p.Sector, Level: p.Level, TimeLimitWD: p.TimeLimitWD,
			ExtendedTimeLimitWD: p.ExtendedTimeLimitWD, FeeVND: p.FeeVND, FeeNote: p.FeeNote, Fee: p.FeeRule(),
			ExtendedReason: p.ExtendedReason, DecidingAgency: p.DecidingAgency,
			Interagency: p.Interagency, Active: p.Active, Version: v.Version,
		})
	}
	for s := range sectors {
		out.Sectors = append(out.Sectors, s)
	}
	sort.Strings(out.Sectors)
	return out, nil
}

// ProcedureRequest names a procedure and, optionally, one of its versions.
type ProcedureRequest struct {
	Code    string `json:"code"`
	Version int    `json:"version"`
}

// VersionInfo describes one version in the history list.
type VersionInfo struct {
	Version int       `json:"version"`
	At      time.Time `json:"at"`
	Actor   string    `json:"actor"`
}

// ProcedureReply is one version of a procedure and the list of versions.
type ProcedureReply struct {
	Procedure catalog.Procedure `json:"procedure"`
	Version   int               `json:"version"`
	Versions  []VersionInfo     `json:"versions"`
}

// Get returns a procedure, its current version unless Version is given.
func (c *Catalog) Get(req ProcedureRequest) (ProcedureReply, error) {
	d, err := c.core.Deps()
	if err != nil {
		return ProcedureReply{}, err
	}
	return getProcedure(d.Store, req.Code, req.Version)
}

func getProcedure(st *store.Store, code string, version int) (ProcedureReply, error) {
	var r procedureRecord
	ok, err := readState(st, procedureProjID, procedurePrefix+code, &r)
	if err != nil {
		return ProcedureReply{}, err
	}
	if !ok || len(r.Versions) == 0 {
		return ProcedureReply{}, &Error{Code: CodeNotFound, Field: "code", Message: "no procedure " + code, Params: map[string]string{"code": code}}
	}
	v, ok := r.inForce(catalogChain(st, nodeOffice(st)))
	if !ok && version == 0 {
		return ProcedureReply{}, &Error{Code: CodeNotFound, Field: "code", Message: "no procedure " + code + " in force here", Params: map[string]string{"code": code}}
	}
	if version != 0 {
		if version < 0 || version > len(r.Versions) {
			return ProcedureReply{}, FieldError("version", "procedure %s has no version %d", code, version)
		}
		v = r.Versions[version-1]
	}
	out := ProcedureReply{Procedure: v.Procedure, Version: v.Version}
	for _, x := range r.Versions {
		out.Versions = append(out.Versions, VersionInfo{Version: x.Version, At: x.At, Actor: x.Actor})
	}
	return out, nil
}

// SaveProcedureRequest carries a procedure to save as a new version.
type SaveProcedureRequest struct {
	Procedure catalog.Procedure `json:"procedure"`
}

// Save records a new version of a procedure (or its first). Saving it
// unchanged records nothing.
func (c *Catalog) Save(ctx context.Context, req SaveProcedureRequest) (ProcedureReply, error) {
	d, err := c.core.Deps()
	if err != nil {
		return ProcedureReply{}, err
	}
	p, err := catalog.Clean(req.Procedure)
	if err != nil {
		return ProcedureReply{}, procedureError(err)
	}
	draft, changed, err := procedureDraft(d.Store, CallerFrom(ctx), p)
	if err != nil {
		return ProcedureReply{}, err
	}
	if changed {
		if _, err := d.Store.Append(draft); err != nil {
			return ProcedureReply{}, appendErr(err, "saving the procedure")
		}
	}
	return getProcedure(d.Store, p.Code, 0)
}

// procedureDraft returns the event that records p, and whether p differs
// from the current version.
func procedureDraft(st *store.Store, c Caller, p catalog.Procedure) (store.Draft, bool, error) {
	body := mustJSON(p)
	var r procedureRecord
	if _, err := readState(st, procedureProjID, procedurePrefix+p.Code, &r); err != nil {
		return store.Draft{}, false, err
	}
	if cur, ok := r.inForce(catalogChain(st, callerOffice(st, c))); ok && bytes.Equal(mustJSON(cur.Procedure), body) {
		return store.Draft{}, false, nil
	}
	return store.Draft{Actor: c.Actor(), Owner: callerOffice(st, c), Kind: kindProcedureSave, Subject: procedurePrefix + p.Code, Body: body}, true, nil
}

// procedureError turns a catalog validation error into an invalid_input
// naming the first field ("procedure.steps[1].hours"), with every problem
// in Details.
func procedureError(err error) error {
	var ve *catalog.ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) == 0 {
		return Wrap(CodeInvalidInput, err, err.Error())
	}
	problems := make([]map[string]string, len(ve.Problems))
	for i, p := range ve.Problems {
		problems[i] = map[string]string{"field": "procedure." + p.Field, "code": p.Code, "message": p.Message}
	}
	return &Error{Code: CodeInvalidInput, Field: problems[0]["field"], Message: ve.Error(), Details: problems}
}

// ImportRequest carries a catalog file: text for CSV and JSON, base64 (with
// Encoding "base64") for XLSX.
type ImportRequest struct {
	Format   string `json:"format"`
	Content  string `json:"content"`
	Encoding string `json:"encoding"`
}

// ImportReply counts what an import changed.
type ImportReply struct {
	Imported  int `json:"imported"`
	Changed   int `json:"changed"`
	Unchanged int `json:"unchanged"`
}

// RowProblem is one problem of a refused file.
type RowProblem struct {
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Import reads a catalog file and records a new version of every procedure
// it changes. A file with any bad row is refused whole: nothing is written,
// and the error lists one problem per row and column.
func (c *Catalog) Import(ctx context.Context, req ImportRequest) (ImportReply, error) {
	format := catalog.Format(req.Format)
	if format != catalog.FormatCSV && format != catalog.FormatJSON && format != catalog.FormatXLSX {
		return ImportReply{}, FieldError("format", "the format must be csv, json or xlsx")
	}
	content := []byte(req.Content)
	if req.Encoding == "base64" {
		b, err := base64.StdEncoding.DecodeString(req.Content)
		if err != nil {
			return ImportReply{}, FieldError("content", "the content is not valid base64")
		}
		content = b
	} else if req.Encoding != "" {
		return ImportReply{}, FieldError("encoding", "the encoding must be empty or base64")
	}
	if len(content) > maxImportBytes {
		return ImportReply{}, FieldError("content", "the file is larger than %d MB", maxImportBytes>>20)
	}
	d, err := c.core.Deps()
	if err != nil {
		return ImportReply{}, err
	}
	procs, err := catalog.Import(bytes.NewReader(content), format)
	if err != nil {
		var ie *catalog.ImportError
		if errors.As(err, &ie) {
			rows := make([]RowProblem, len(ie.Errors))
			for i, re := range ie.Errors {
				rows[i] = RowProblem{Row: re.Row, Column: re.Column, Code: re.Code, Message: re.Message}
			}
			return ImportReply{}, &Error{Code: CodeImportRejected, Message: ie.Error(), Details: map[string]any{"rows": rows}}
		}
		return ImportReply{}, Wrap(CodeInvalidInput, err, err.Error())
	}
	caller := CallerFrom(ctx)
	var drafts []store.Draft
	reply := ImportReply{Imported: len(procs)}
	for _, p := range procs {
		draft, changed, err := procedureDraft(d.Store, caller, p)
		if err != nil {
			return ImportReply{}, err
		}
		if !changed {
			reply.Unchanged++
			continue
		}
		drafts = append(drafts, draft)
	}
	for len(drafts) > 0 {
		n, size := 0, 0
		for n < min(importChunk, len(drafts)) && (n == 0 || size+len(drafts[n].Body) <= importChunkBytes) {
			size += len(drafts[n].Body)
			n++
		}
		if _, err := d.Store.AppendBatch(drafts[:n]); err != nil {
			return reply, appendErr(err, "saving the catalog")
		}
		reply.Changed += n
		drafts = drafts[n:]
	}
	return reply, nil
}

// FormatRequest names an export format.
type FormatRequest struct {
	Format string `json:"format"`
}

// ExportReply is a catalog file, base64-encoded.
type ExportReply struct {
	Filename string `json:"filename"`
	Mime     string `json:"mime"`
	Content  string `json:"content"`
}

// Export writes the current version of every procedure in a format.
func (c *Catalog) Export(req FormatRequest) (ExportReply, error) {
	format := catalog.Format(req.Format)
	mime := map[catalog.Format]string{
		catalog.FormatCSV:  "text/csv; charset=utf-8",
		catalog.FormatJSON: "application/json",
		catalog.FormatXLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	}[format]
	if mime == "" {
		return ExportReply{}, FieldError("format", "the format must be csv, json or xlsx")
	}
	d, err := c.core.Deps()
	if err != nil {
		return ExportReply{}, err
	}
	recs, err := c.all(d.Store)
	if err != nil {
		return ExportReply{}, err
	}
	procs := make([]catalog.Procedure, 0, len(recs))
	chain := catalogChain(d.Store, nodeOffice(d.Store))
	for _, r := range recs {
		if v, ok := r.inForce(chain); ok {
			procs = append(procs, v.Procedure)
		}
	}
	var buf bytes.Buffer
	if err := catalog.Export(&buf, format, procs); err != nil {
		return ExportReply{}, Wrap(CodeInternal, err, "writing the catalog")
	}
	return ExportReply{Filename: "danh-muc-thu-tuc." + string(format), Mime: mime, Content: base64.StdEncoding.EncodeToString(buf.Bytes())}, nil
}

// defaultCatalog is the catalog a new office starts from: the shipped one.
// The package's tests replace it (catalog_fixture_test.go).
var defaultCatalog = catalog.Default

// defaultCatalogDrafts returns the events that record the shipped catalog
// for an office.
func defaultCatalogDrafts(actor, office string) ([]store.Draft, error) {
	procs, err := defaultCatalog()
	if err != nil {
		return nil, Wrap(CodeInternal, err, "reading the default catalog")
	}
	drafts := make([]store.Draft, len(procs))
	for i, p := range procs {
		drafts[i] = store.Draft{Actor: actor, Owner: office, Kind: kindProcedureSave, Subject: procedurePrefix + p.Code, Body: mustJSON(p)}
	}
	return drafts, nil
}
