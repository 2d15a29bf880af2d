package catalog

import (
	"fmt"
	"strings"
)

// header maps the columns of a CSV or XLSX file to the model's columns.
type header struct {
	// index holds, for each column of the file, its model column, or -1 for
	// a column with an empty header cell.
	index []int
}

// readHeader reads a header row. Names are compared after trimming, NFC and
// lower-casing; empty header cells are allowed (the cells below them must
// be empty). Unknown, repeated and missing required columns are each
// reported once, naming all of them.
func readHeader(names []string, row int) (header, []RowError) {
	h := header{index: make([]int, len(names))}
	var unknown, repeated, missing []string
	seen := make(map[int]bool, len(names))
	for i, name := range names {
		h.index[i] = -1
		if strings.TrimSpace(name) == "" {
			continue
		}
		c := columnIndex(name)
		switch {
		case c < 0:
			unknown = append(unknown, cleanText(name))
		case seen[c]:
			repeated = append(repeated, columns[c].name)
		default:
			seen[c] = true
			h.index[i] = c
		}
	}
	for _, c := range requiredColumns {
		if !seen[c] {
			missing = append(missing, columns[c].name)
		}
	}
	var errs []RowError
	if len(unknown) > 0 {
		errs = append(errs, RowError{Row: row, Column: strings.Join(unknown, ", "), Code: CodeUnknownColumn, Message: fmt.Sprintf(
			"unknown column(s) %q; the columns are: %s", unknown, strings.Join(Columns(), ", "))})
	}
	if len(repeated) > 0 {
		errs = append(errs, RowError{Row: row, Column: strings.Join(repeated, ", "), Code: CodeDuplicateColumn, Message: fmt.Sprintf(
			"column(s) %s appear more than once", strings.Join(repeated, ", "))})
	}
	if len(missing) > 0 {
		errs = append(errs, RowError{Row: row, Column: strings.Join(missing, ", "), Code: CodeMissingColumn, Message: fmt.Sprintf(
			"the header lacks the column(s) %s", strings.Join(missing, ", "))})
	}
	return h, errs
}

// row reads one data row of the file.
func (h header) row(row int, record []string) inputRow {
	var cells [numColumns]string
	var stray []string
	for i, v := range record {
		if i < len(h.index) && h.index[i] >= 0 {
			cells[h.index[i]] = v
		} else if strings.TrimSpace(v) != "" && len(stray) < 10 {
			stray = append(stray, columnLetters(i+1))
		}
	}
	in := decodeRow(row, &cells)
	if len(stray) > 0 {
		in.errs = append(in.errs, RowError{Row: row, Code: CodeUnknownColumn, Message: fmt.Sprintf(
			"there are values in column(s) %s, which have no name in the header", strings.Join(stray, ", "))})
	}
	return in
}

// columnLetters returns a spreadsheet's name of the n-th column (1 → "A",
// 27 → "AA").
func columnLetters(n int) string {
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append([]byte{byte('A' + (n-1)%26)}, b...)
	}
	return string(b)
}
