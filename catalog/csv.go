package catalog

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// utf8BOM is the byte-order mark Excel writes before UTF-8 text.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// encodeCSV writes the header and one row per procedure.
func encodeCSV(w io.Writer, procs []Procedure) error {
	if _, err := w.Write(utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(Columns()); err != nil {
		return err
	}
	record := make([]string, numColumns)
	for _, p := range procs {
		for i, v := range encodeRow(p) {
			record[i] = cellText(v)
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// decodeCSV reads a CSV file: UTF-8, with or without a byte-order mark,
// comma-separated, the header row first.
func decodeCSV(data []byte) ([]inputRow, []RowError) {
	if errs := checkText(data); errs != nil {
		return nil, errs
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	// A quoted cell may span lines; a spreadsheet shows it in one row, so
	// rows are counted as lines less the line breaks inside cells.
	inside := 0
	rowOf := func(line int) int { return line - inside }
	countInside := func(record []string) {
		for _, f := range record {
			inside += strings.Count(f, "\n")
		}
	}

	header, err := cr.Read()
	if err == io.EOF {
		return nil, []RowError{{Row: 1, Code: CodeMissingColumn, Message: "the file is empty: its first row must name the columns"}}
	}
	if err != nil {
		return nil, []RowError{csvSyntaxError(err, rowOf)}
	}
	if len(header) == 1 {
		for _, sep := range []string{";", "\t"} {
			if strings.Contains(header[0], sep) {
				return nil, []RowError{{Row: 1, Code: CodeBadDelimiter, Message: fmt.Sprintf(
					"the columns are separated by %q, not by commas: save the file as \"CSV UTF-8 (comma delimited)\"", sep)}}
			}
		}
	}
	line, _ := cr.FieldPos(0)
	hdr, errs := readHeader(header, rowOf(line))
	if errs != nil {
		return nil, errs
	}
	countInside(header)

	var rows []inputRow
	for {
		record, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return rows, append(errs, csvSyntaxError(err, rowOf))
		}
		line, _ := cr.FieldPos(0)
		row := rowOf(line)
		countInside(record)
		if blank(record) {
			continue
		}
		if len(rows) == MaxImportRows {
			return nil, []RowError{{Code: CodeTooManyRows, Message: fmt.Sprintf("the file has more than %d procedures", MaxImportRows)}}
		}
		rows = append(rows, hdr.row(row, record))
	}
	return rows, errs
}

// checkText refuses a file that is not UTF-8 text.
func checkText(data []byte) []RowError {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return []RowError{{Code: CodeBadEncoding, Message: "the file is UTF-16 text: save it as UTF-8 (\"CSV UTF-8\")"}}
	}
	if !utf8.Valid(data) {
		at := bytes.Count(data[:firstInvalid(data)], []byte("\n")) + 1
		return []RowError{{Code: CodeBadEncoding, Message: fmt.Sprintf(
			"the file is not UTF-8 text (first bad byte on line %d): save it as UTF-8 (\"CSV UTF-8\")", at)}}
	}
	return nil
}

// firstInvalid returns the offset of the first byte that is not part of
// valid UTF-8.
func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// csvSyntaxError turns a CSV parse error into a problem of its row.
func csvSyntaxError(err error, rowOf func(int) int) RowError {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return RowError{Row: rowOf(pe.StartLine), Code: CodeBadFile, Message: fmt.Sprintf("the CSV cannot be read here (line %d, column %d): %v", pe.Line, pe.Column, pe.Err)}
	}
	return RowError{Code: CodeBadFile, Message: "the CSV cannot be read: " + err.Error()}
}

// blank tells whether every cell of a record is empty or white space.
func blank(record []string) bool {
	for _, f := range record {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}
