package catalog

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
)

// Format is a catalog file format.
type Format string

// The formats Import and Export handle.
const (
	FormatJSON Format = "json"
	FormatCSV  Format = "csv"
	FormatXLSX Format = "xlsx"
)

// Limits of Import.
const (
	// MaxImportBytes is the largest file Import reads.
	MaxImportBytes = 20 << 20
	// MaxImportRows is the most procedures one file may hold.
	MaxImportRows = 10_000
	// MaxImportErrors is the most problems an ImportError lists; one more
	// entry, CodeTooManyErrors, says how many were left out.
	MaxImportErrors = 500
)

// FormatForName returns the format a file name's extension names (.json,
// .csv or .xlsx, in any case).
func FormatForName(name string) (Format, bool) {
	switch f := Format(strings.ToLower(strings.TrimPrefix(path.Ext(name), "."))); f {
	case FormatJSON, FormatCSV, FormatXLSX:
		return f, true
	}
	return "", false
}

// Import reads a whole catalog file. The file is accepted whole or refused
// whole: on any problem Import returns no procedure and an *ImportError
// listing every problem found (see RowError), in one pass. The procedures it
// returns are normalised and valid (see Clean), in file order, with unique
// codes; a procedure without a code gets LocalCode's. Blank rows are
// skipped. A failure to read r is returned as it is, not as an ImportError.
func Import(r io.Reader, format Format) ([]Procedure, error) {
	switch format {
	case FormatJSON, FormatCSV, FormatXLSX:
	default:
		return nil, fmt.Errorf("importing a catalog: unknown format %q", format)
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxImportBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading the %s catalog file: %w", format, err)
	}
	if len(data) > MaxImportBytes {
		return nil, fileError(format, CodeTooLarge, "the file is larger than %d MB", MaxImportBytes>>20)
	}
	var rows []inputRow
	var errs []RowError
	switch format {
	case FormatJSON:
		_, rows, errs = decodeJSON(data)
	case FormatCSV:
		rows, errs = decodeCSV(data)
	case FormatXLSX:
		rows, errs = decodeXLSX(data)
	}
	return finish(format, rows, errs)
}

// Export writes procs as a catalog file that Import reads back to the same
// procedures. It first cleans every procedure (see Clean) and refuses, with
// nothing written, a list with an invalid procedure, a repeated code or more
// than MaxImportRows procedures.
//
// JSON is one object {"version": FormatVersion, "procedures": [...]} with
// two-space indentation, the procedures in their JSON shape. CSV is UTF-8
// with a byte-order mark (so that Excel reads the Vietnamese right), CRLF
// line ends and the header row Columns. XLSX has one sheet, SheetName, with
// the same header in bold, numbers as numbers and the list columns in their
// compact encodings.
func Export(w io.Writer, format Format, procs []Procedure) error {
	if len(procs) > MaxImportRows {
		return fmt.Errorf("exporting the catalog: %d procedures, more than the %d a file may hold", len(procs), MaxImportRows)
	}
	clean := make([]Procedure, len(procs))
	seen := make(map[string]int, len(procs))
	for i, p := range procs {
		c, err := Clean(p)
		if err != nil {
			return fmt.Errorf("exporting procedure %d: %w", i+1, err)
		}
		if j, dup := seen[c.Code]; dup {
			return fmt.Errorf("exporting procedure %d: code %s is also procedure %d's", i+1, c.Code, j+1)
		}
		seen[c.Code] = i
		clean[i] = c
	}
	var buf bytes.Buffer
	var err error
	switch format {
	case FormatJSON:
		err = encodeJSON(&buf, clean)
	case FormatCSV:
		err = encodeCSV(&buf, clean)
	case FormatXLSX:
		err = encodeXLSX(&buf, clean)
	default:
		return fmt.Errorf("exporting the catalog: unknown format %q", format)
	}
	if err != nil {
		return fmt.Errorf("exporting the catalog as %s: %w", format, err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("writing the %s catalog file: %w", format, err)
	}
	return nil
}

// wholeRow, as a broken field, means the row could not be read at all.
const wholeRow = "*"

// inputRow is one procedure as a decoder read it, before it is checked.
type inputRow struct {
	row int
	p   Procedure
	// errs are the problems found while reading it.
	errs []RowError
	// broken names the fields (JSON names) that could not be read.
	broken map[string]bool
}

// place is where a problem lies: a column and, in a list column, the
// 0-based item (-1 for the whole cell).
type place struct{ col, item int }

// cell is the place of a whole cell of column col.
func cell(col int) place { return place{col, -1} }

// fail records a problem at a place, which is then not validated.
func (in *inputRow) fail(at place, code, format string, args ...any) {
	field := columns[at.col].field
	if at.item >= 0 {
		field = fmt.Sprintf("%s[%d]", field, at.item)
	}
	in.failField(columns[at.col].name, field, code, format, args...)
}

// failField records a problem of a column or key that marks field (a JSON
// field path, or wholeRow) as unreadable.
func (in *inputRow) failField(column, field, code, format string, args ...any) {
	in.errs = append(in.errs, RowError{Row: in.row, Column: column, Message: fmt.Sprintf(format, args...), Code: code})
	if in.broken == nil {
		in.broken = make(map[string]bool)
	}
	in.broken[field] = true
}

// finish normalises, codes, validates and de-duplicates the decoded rows;
// fileErrs are problems of the file as a whole. It returns either the
// procedures or an *ImportError.
func finish(format Format, rows []inputRow, fileErrs []RowError) ([]Procedure, error) {
	errs := fileErrs
	procs := make([]Procedure, 0, len(rows))
	firstRow := make(map[string]int, len(rows))
	for _, in := range rows {
		errs = append(errs, in.errs...)
		if in.broken[wholeRow] {
			continue
		}
		p := in.p.Normalize()
		generated := false
		if p.Code == "" && !in.broken["code"] {
			if p.Name == "" || p.Sector == "" || in.broken["name"] || in.broken["sector"] {
				// Name or sector is wrong and reported; a code would be noise.
				in.broken = withField(in.broken, "code")
			} else {
				p.Code, generated = LocalCode(p.Sector, p.Name), true
			}
		}
		for _, fe := range p.problems(in.broken) {
			errs = append(errs, RowError{Row: in.row, Column: columnOfField(fe.Field), Message: fe.Message, Code: fe.Code})
		}
		if p.Code != "" {
			if first, dup := firstRow[p.Code]; dup {
				msg := fmt.Sprintf("code %s is also on %s %d", p.Code, rowWord(format), first)
				if generated {
					msg = fmt.Sprintf("no code, and the same sector and name as %s %d, so the same local code %s", rowWord(format), first, p.Code)
				}
				errs = append(errs, RowError{Row: in.row, Column: columns[colCode].name, Message: msg, Code: CodeDuplicateCode})
			} else {
				firstRow[p.Code] = in.row
			}
		}
		procs = append(procs, p)
	}
	if len(errs) == 0 {
		return procs, nil
	}
	order := map[string]int{}
	for _, e := range errs {
		if _, ok := order[e.Column]; !ok {
			order[e.Column] = columnOrder(e.Column)
		}
	}
	slices.SortStableFunc(errs, func(a, b RowError) int {
		return cmp.Or(cmp.Compare(a.Row, b.Row), cmp.Compare(order[a.Column], order[b.Column]))
	})
	if n := len(errs); n > MaxImportErrors {
		errs = append(errs[:MaxImportErrors:MaxImportErrors], RowError{
			Code: CodeTooManyErrors, Message: fmt.Sprintf("%d more problems are not listed", n-MaxImportErrors)})
	}
	return nil, &ImportError{Format: format, Errors: errs}
}

// columnOrder returns a column's index for sorting (the first column's, for
// a list of columns); problems of no column or of unknown columns sort
// first.
func columnOrder(name string) int {
	first, _, _ := strings.Cut(name, ",")
	return columnIndex(first)
}

// withField returns m (made if nil) with field set.
func withField(m map[string]bool, field string) map[string]bool {
	if m == nil {
		m = make(map[string]bool)
	}
	m[field] = true
	return m
}

// rowWord is what a format calls a row in messages.
func rowWord(format Format) string {
	if format == FormatJSON {
		return "procedure"
	}
	return "row"
}
