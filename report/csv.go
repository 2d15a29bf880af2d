package report

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"golang.org/x/text/unicode/norm"
)

// csvBOM starts the CSV so that Excel on Windows reads it as UTF-8.
const csvBOM = "\ufeff"

// CSVHeader is the CSV's first line: the row number, the sector and the
// form's columns 3 to 13 by number.
var CSVHeader = []string{"STT", "Lĩnh vực", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13"}

// WriteCSV writes d's table to w as CSV in UTF-8 with a byte order mark and
// CRLF line ends, as Excel expects: the header, one line per sector
// numbered from 1, and the total with no number, as "Tổng cộng".
func WriteCSV(w io.Writer, d Doc) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(csvBOM); err != nil {
		return fmt.Errorf("report: writing the CSV: %w", err)
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	line := func(no, sector string, c Counts) []string {
		rec := []string{no, norm.NFC.String(sector)}
		for col := firstCol; col <= lastCol; col++ {
			rec = append(rec, strconv.Itoa(c.Col(col)))
		}
		return rec
	}
	records := [][]string{CSVHeader}
	for i, r := range d.Table.Rows {
		records = append(records, line(strconv.Itoa(i+1), r.Sector, r.Counts))
	}
	records = append(records, line("", "Tổng cộng", d.Table.Total.Counts))
	if err := cw.WriteAll(records); err != nil {
		return fmt.Errorf("report: writing the CSV: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("report: writing the CSV: %w", err)
	}
	return nil
}
