package catalog

import (
	"strconv"
	"strings"
)

// column is one column of the CSV and XLSX formats.
type column struct {
	// name is the header text, also RowError.Column.
	name string
	// field is the Procedure field's JSON name.
	field string
	// numeric columns are written to XLSX as numbers.
	numeric bool
	// width is the XLSX column width, in characters.
	width float64
}

// The columns, in the order Export writes them. Import accepts them in any
// order; only requiredColumns must be there.
var columns = [...]column{
	{"code", "code", false, 12},
	{"name", "name", false, 50},
	{"sector", "sector", false, 18},
	{"level", "level", false, 10},
	{"time_limit_wd", "timeLimitWD", true, 14},
	{"extended_time_limit_wd", "extendedTimeLimitWD", true, 22},
	{"fee_vnd", "feeVND", true, 12},
	{"fee_note", "feeNote", false, 40},
	{"interagency", "interagency", false, 13},
	{"agencies", "agencies", false, 45},
	{"documents", "documents", false, 50},
	{"steps", "steps", false, 70},
	{"confidence", "confidence", false, 12},
	{"active", "active", false, 8},
	{"extended_reason", "extendedReason", false, 30},
	{"supplement_limit_wd", "supplementLimitWD", true, 12},
	{"reschedule_notice_wd", "rescheduleNoticeWD", true, 12},
	{"fee_rule", "fee", false, 50},
	{"deciding_agency", "decidingAgency", false, 20},
	{"basis", "basis", false, 50},
}

// Indexes into columns.
const (
	colCode = iota
	colName
	colSector
	colLevel
	colTimeLimit
	colExtended
	colFee
	colFeeNote
	colInteragency
	colAgencies
	colDocuments
	colSteps
	colConfidence
	colActive
	colExtendedReason
	colSupplement
	colReschedule
	colFeeRule
	colDecidingAgency
	colBasis
	numColumns
)

// requiredColumns must be in an imported header; a missing optional column
// reads as empty cells.
var requiredColumns = []int{colName, colSector, colTimeLimit}

// Columns returns the CSV and XLSX column names in the order Export writes
// them.
func Columns() []string {
	names := make([]string, numColumns)
	for i, c := range columns {
		names[i] = c.name
	}
	return names
}

// columnIndex returns the index of a column named in a header (compared
// after trimming, NFC and lower-casing), or -1.
func columnIndex(name string) int {
	name = strings.ToLower(cleanText(name))
	for i, c := range columns {
		if c.name == name {
			return i
		}
	}
	return -1
}

// columnOfField returns the column of a field path ("steps[1].hours" →
// "steps").
func columnOfField(field string) string {
	top := topField(field)
	for _, c := range columns {
		if c.field == top {
			return c.name
		}
	}
	return top
}

// encodeRow returns p's cells in column order, each a string, an int64, a
// bool or nil for an empty cell.
func encodeRow(p Procedure) []any {
	cells := make([]any, numColumns)
	cells[colCode] = p.Code
	cells[colName] = p.Name
	cells[colSector] = p.Sector
	cells[colLevel] = string(p.Level)
	cells[colTimeLimit] = int64(p.TimeLimitWD)
	if p.ExtendedTimeLimitWD != nil {
		cells[colExtended] = int64(*p.ExtendedTimeLimitWD)
	}
	if p.FeeVND != nil {
		cells[colFee] = *p.FeeVND
	}
	cells[colFeeNote] = p.FeeNote
	cells[colInteragency] = string(p.Interagency)
	cells[colAgencies] = formatAgencies(p.Agencies)
	cells[colDocuments] = formatDocuments(p.Documents)
	cells[colSteps] = formatSteps(p.Steps)
	cells[colConfidence] = string(p.Confidence)
	cells[colActive] = p.Active
	cells[colExtendedReason] = p.ExtendedReason
	if p.SupplementLimitWD != nil {
		cells[colSupplement] = int64(*p.SupplementLimitWD)
	}
	if p.RescheduleNoticeWD != nil {
		cells[colReschedule] = int64(*p.RescheduleNoticeWD)
	}
	if p.Fee != nil {
		cells[colFeeRule] = formatFeeRule(*p.Fee)
	}
	cells[colDecidingAgency] = p.DecidingAgency
	cells[colBasis] = p.Basis
	return cells
}

// cellText writes a cell of encodeRow as CSV text.
func cellText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case bool:
		return strconv.FormatBool(v)
	}
	return ""
}

// decodeRow reads one CSV or XLSX row whose cells are given as text in
// column order ("" for an empty or absent cell).
func decodeRow(row int, cells *[numColumns]string) inputRow {
	in := inputRow{row: row}
	p := &in.p
	p.Code = cells[colCode]
	p.Name = cells[colName]
	p.Sector = cells[colSector]
	p.Level = Level(cells[colLevel])
	if n, ok := in.intCell(colTimeLimit, cells[colTimeLimit], true); ok {
		p.TimeLimitWD = int(n)
	}
	if n := in.optionalIntCell(colExtended, cells[colExtended]); n != nil {
		v := int(*n)
		p.ExtendedTimeLimitWD = &v
	}
	p.FeeVND = in.optionalIntCell(colFee, cells[colFee])
	p.FeeNote = cells[colFeeNote]
	p.Interagency = Interagency(cells[colInteragency])
	p.Agencies = parseAgencies(cells[colAgencies])
	var problems []cellProblem
	p.Documents, problems = parseDocuments(cells[colDocuments])
	in.failAll(colDocuments, problems)
	p.Steps, problems = parseSteps(cells[colSteps])
	in.failAll(colSteps, problems)
	p.Confidence = Confidence(cells[colConfidence])
	p.ExtendedReason = cells[colExtendedReason]
	if n := in.optionalIntCell(colSupplement, cells[colSupplement]); n != nil {
		v := int(*n)
		p.SupplementLimitWD = &v
	}
	if n := in.optionalIntCell(colReschedule, cells[colReschedule]); n != nil {
		v := int(*n)
		p.RescheduleNoticeWD = &v
	}
	if strings.TrimSpace(cells[colFeeRule]) != "" {
		r, problems := parseFeeRule(cells[colFeeRule])
		for _, pr := range problems {
			// A rule read in part is not judged: the cell's problems say it all.
			in.fail(cell(colFeeRule), pr.code, "%s", pr.msg)
		}
		p.Fee = &r
	}
	p.DecidingAgency = cells[colDecidingAgency]
	p.Basis = cells[colBasis]
	p.Active = true
	if s := strings.TrimSpace(cells[colActive]); s != "" {
		if b, ok := parseBool(s); ok {
			p.Active = b
		} else {
			in.fail(cell(colActive), CodeBadEnum, "active must be true or false, got %q", s)
		}
	}
	return in
}

// intCell reads a whole number cell; an empty one is an error only when
// required.
func (in *inputRow) intCell(col int, s string, required bool) (int64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		if required {
			in.fail(cell(col), CodeRequired, "%s is required", columns[col].name)
		}
		return 0, !required
	}
	n, code, msg := parseWhole(s)
	if code != "" {
		in.fail(cell(col), code, "%s %s", columns[col].name, msg)
		return 0, false
	}
	return n, true
}

// optionalIntCell reads a whole number cell that may be empty (nil).
func (in *inputRow) optionalIntCell(col int, s string) *int64 {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	if n, ok := in.intCell(col, s, false); ok {
		return &n
	}
	return nil
}

// failAll records the problems of a compact list cell.
func (in *inputRow) failAll(col int, problems []cellProblem) {
	for _, p := range problems {
		in.fail(place{col, p.item}, p.code, "%s", p.msg)
	}
}

// parseWhole reads a whole number written with digits only (and a leading
// minus), as CSV and text cells hold it. "8.000" or "8,000" are refused
// rather than guessed at: in Vietnamese the dot separates thousands.
func parseWhole(s string) (n int64, code, msg string) {
	digits := strings.TrimPrefix(s, "-")
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return 0, CodeBadNumber, "must be a whole number written with digits only (no dots, commas or spaces), got " + strconv.Quote(s)
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n > MaxFeeVND || n < -MaxFeeVND {
		return 0, CodeOutOfRange, "is out of range: " + s
	}
	return n, "", ""
}

// parseBool reads a yes/no cell: true, false, 1, 0, yes, no, có, không.
func parseBool(s string) (bool, bool) {
	switch strings.ToLower(cleanText(s)) {
	case "true", "1", "yes", "có":
		return true, true
	case "false", "0", "no", "không":
		return false, true
	}
	return false, false
}
