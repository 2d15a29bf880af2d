package catalog

import (
	"fmt"
	"strings"
)

// Problem codes, stable and machine-readable: the interface translates them
// and scripts match on them. The list is append-only: new codes go at the
// end and a code never changes meaning.
const (
	// CodeRequired means a value is missing.
	CodeRequired = "required"
	// CodeBadNumber means a cell is not a number of the expected kind.
	CodeBadNumber = "bad_number"
	// CodeBadEnum means a value is not one of a list's values.
	CodeBadEnum = "bad_enum"
	// CodeDuplicateCode means two procedures of one file share a code.
	CodeDuplicateCode = "duplicate_code"
	// CodeTooLong means a text or a list is longer than allowed.
	CodeTooLong = "too_long"
	// CodeBadFormat means a value does not have the expected shape (a code,
	// a compact list, a JSON type, a control character).
	CodeBadFormat = "bad_format"
	// CodeOutOfRange means a number lies outside its allowed range.
	CodeOutOfRange = "out_of_range"
	// CodeDuplicateValue means a list repeats a value.
	CodeDuplicateValue = "duplicate_value"
	// CodeStepsOverLimit means the step table takes longer than the time
	// limit allows.
	CodeStepsOverLimit = "steps_over_limit"
	// CodeUnknownColumn means a column or key is not one of Columns.
	CodeUnknownColumn = "unknown_column"
	// CodeMissingColumn means a column that must be there is not.
	CodeMissingColumn = "missing_column"
	// CodeDuplicateColumn means a column or key appears twice.
	CodeDuplicateColumn = "duplicate_column"
	// CodeBadDelimiter means a CSV file separates its columns with something
	// other than commas.
	CodeBadDelimiter = "bad_delimiter"
	// CodeBadEncoding means the file is not UTF-8 text.
	CodeBadEncoding = "bad_encoding"
	// CodeBadFile means the file cannot be read as its format at all.
	CodeBadFile = "bad_file"
	// CodeTooLarge means the file is larger than MaxImportBytes.
	CodeTooLarge = "too_large"
	// CodeTooManyRows means the file has more than MaxImportRows procedures.
	CodeTooManyRows = "too_many_rows"
	// CodeTooManyErrors means more than MaxImportErrors problems were found
	// and the rest are not listed.
	CodeTooManyErrors = "too_many_errors"
	// CodeFeeNotSet means a fee set by the provincial council has not been
	// entered yet, so it cannot be computed.
	CodeFeeNotSet = "fee_not_set"
)

// RowError is one problem of an imported file.
type RowError struct {
	// Row is the 1-based row as a spreadsheet shows it (the header is row 1,
	// the first procedure row 2) for CSV and XLSX, and the 1-based position
	// in the "procedures" list for JSON. Row 0 means the file as a whole.
	Row int
	// Column is the column at fault, one of Columns in every format (a JSON
	// key is named by its column: "timeLimitWD" and "time_limit_wd" are
	// both "time_limit_wd"); an unknown column or key is named as written.
	// It is empty when the problem is not in one column.
	Column string
	// Message is an English explanation.
	Message string
	// Code is the stable problem code (CodeRequired, CodeBadNumber, …).
	Code string
}

// ImportError refuses a whole file. It lists every problem found, ordered
// by row and column, at most MaxImportErrors of them.
type ImportError struct {
	// Format is the format the file was read as.
	Format Format
	// Errors lists the problems, ordered by row, then by column in Columns'
	// order; problems of the whole file or of unknown columns come first.
	Errors []RowError
}

// Error summarises the problems, naming the first few.
func (e *ImportError) Error() string {
	const shown = 5
	var b strings.Builder
	fmt.Fprintf(&b, "refusing the %s catalog file: %d problem(s)", e.Format, len(e.Errors))
	for i, re := range e.Errors {
		if i == shown {
			fmt.Fprintf(&b, "; and %d more", len(e.Errors)-shown)
			break
		}
		b.WriteString("; ")
		if re.Row > 0 {
			fmt.Fprintf(&b, "row %d ", re.Row)
		}
		if re.Column != "" {
			fmt.Fprintf(&b, "%s ", re.Column)
		}
		fmt.Fprintf(&b, "(%s): %s", re.Code, re.Message)
	}
	return b.String()
}

// fileError builds an ImportError with a single problem of the whole file.
func fileError(format Format, code, msg string, args ...any) *ImportError {
	return &ImportError{Format: format, Errors: []RowError{{Code: code, Message: fmt.Sprintf(msg, args...)}}}
}
