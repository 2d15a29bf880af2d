package catalog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// FormatVersion is the "version" Export writes in a JSON catalog file. On
// import "version" may hold any text (the shipped sample names its data
// version there) and is not checked.
const FormatVersion = "hoso-catalog-1"

// jsonFile is the JSON file's shape as Export writes it.
type jsonFile struct {
	Version    string      `json:"version"`
	Procedures []Procedure `json:"procedures"`
}

// encodeJSON writes the procedures in their JSON shape.
func encodeJSON(w io.Writer, procs []Procedure) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(jsonFile{Version: FormatVersion, Procedures: procs})
}

// jsonKey folds a JSON key for matching: lower case, without underscores,
// so that the model's "timeLimitWD" and the sample's "time_limit_wd" are
// the same key.
func jsonKey(k string) string {
	return strings.ToLower(strings.ReplaceAll(k, "_", ""))
}

// jsonColumn returns the column a procedure's key names, or -1.
func jsonColumn(k string) int {
	k = jsonKey(k)
	for i, col := range columns {
		if jsonKey(col.field) == k {
			return i
		}
	}
	return -1
}

// decodeJSON reads a JSON catalog: an object whose "procedures" holds the
// list (keys starting with "_" are comments; "version" is returned), or the
// list alone. A procedure's keys may be the model's or the sample's
// snake_case ones; unknown and repeated keys are refused.
func decodeJSON(data []byte) (version string, rows []inputRow, errs []RowError) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if errs := checkText(data); errs != nil {
		return "", nil, errs
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var top any
	if err := dec.Decode(&top); err != nil {
		return "", nil, []RowError{jsonSyntaxError(data, err)}
	}
	if _, err := dec.Token(); err != io.EOF {
		return "", nil, []RowError{{Code: CodeBadFile, Message: "the file holds more than one JSON value"}}
	}
	// Objects decoded into maps lose repeated keys; find them first.
	if dup := repeatedKey(data); dup != "" {
		errs = append(errs, RowError{Column: dup, Code: CodeDuplicateColumn, Message: fmt.Sprintf("the key %q appears twice in one object", dup)})
	}
	var list []any
	switch t := top.(type) {
	case []any:
		list = t
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(t)) {
			v := t[k]
			switch {
			case strings.HasPrefix(k, "_"):
			case k == "version":
				if s, ok := v.(string); ok || v == nil {
					version = s
				} else {
					errs = append(errs, RowError{Column: k, Code: CodeBadFormat, Message: "the version must be text"})
				}
			case k == "procedures":
				if l, ok := v.([]any); ok {
					list = l
				} else {
					errs = append(errs, RowError{Column: k, Code: CodeBadFormat, Message: "procedures must be a list"})
				}
			default:
				errs = append(errs, RowError{Column: k, Code: CodeUnknownColumn, Message: fmt.Sprintf("unknown key %q; the file holds version and procedures", k)})
			}
		}
		if _, ok := t["procedures"]; !ok {
			errs = append(errs, RowError{Column: "procedures", Code: CodeMissingColumn, Message: "the file has no procedures list"})
		}
	default:
		return "", nil, []RowError{{Code: CodeBadFile, Message: "the file must hold a JSON object with a procedures list"}}
	}
	if len(list) > MaxImportRows {
		return "", nil, []RowError{{Code: CodeTooManyRows, Message: fmt.Sprintf("the file has more than %d procedures", MaxImportRows)}}
	}
	for i, v := range list {
		rows = append(rows, decodeJSONProcedure(i+1, v))
	}
	return version, rows, errs
}

// repeatedKey returns the first key repeated within one object of a JSON
// document, or "".
func repeatedKey(data []byte) string {
	type frame struct {
		keys      map[string]bool // nil for a list
		expectKey bool
	}
	var stack []*frame
	valueDone := func() {
		if n := len(stack); n > 0 && stack[n-1].keys != nil {
			stack[n-1].expectKey = true
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		if n := len(stack); n > 0 && stack[n-1].keys != nil && stack[n-1].expectKey {
			if k, ok := tok.(string); ok {
				if stack[n-1].keys[k] {
					return k
				}
				stack[n-1].keys[k] = true
				stack[n-1].expectKey = false
				continue
			}
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{keys: map[string]bool{}, expectKey: true})
		case json.Delim('['):
			stack = append(stack, &frame{})
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
			valueDone()
		default:
			valueDone()
		}
	}
}

// jsonSyntaxError turns a JSON decoding error into a problem of the file,
// with the line it happened on.
func jsonSyntaxError(data []byte, err error) RowError {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	offset := int64(-1)
	switch {
	case errors.As(err, &se):
		offset = se.Offset
	case errors.As(err, &te):
		offset = te.Offset
	}
	if offset >= 0 && offset <= int64(len(data)) {
		line := bytes.Count(data[:offset], []byte("\n")) + 1
		return RowError{Code: CodeBadFile, Message: fmt.Sprintf("the file is not valid JSON (line %d): %v", line, err)}
	}
	return RowError{Code: CodeBadFile, Message: "the file is not valid JSON: " + err.Error()}
}
