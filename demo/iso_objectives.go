package demo

import (
	"fmt"
	"time"

	"hoso/app"
	"hoso/calendar"
	"hoso/iso"
)

// isoObjectives writes the demo office's quality policy and four
// objectives for the year the demo ends in (three measured from the
// dossiers, one tracked by hand with a value per month so far), and one
// management review held on the demo's last day, as the leader "lanhdao".
func isoObjectives(c caller, sessions map[string]string, clock *Clock) error {
	leader := sessions["lanhdao"]
	if leader == "" {
		return nil
	}
	now := clock.Now().In(calendar.Zone)
	year := now.Year()
	// The policy adopted at the start of the year, then restated after the
	// management review (below) with the citizens' satisfaction named.
	first := app.PolicyRequest{Year: year, Text: "UBND xã Đông Sơn cam kết giải quyết thủ tục hành chính công khai, minh bạch, đúng hạn."}
	if err := c.call(leader, "Iso.SetPolicy", first, nil); err != nil {
		return fmt.Errorf("the quality policy: %w", err)
	}
	for _, o := range []iso.Objective{
		{ID: "dung-han", Name: "Ít nhất 98% hồ sơ được giải quyết đúng hoặc trước hạn", Kind: iso.ObjectiveMeasured, Metric: iso.MetricOnTimeRate, Target: 98},
		{ID: "hai-long", Name: "Ít nhất 90% lượt đánh giá hài lòng", Kind: iso.ObjectiveMeasured, Metric: iso.MetricSatisfaction, Target: 90},
		{ID: "bo-sung", Name: "Không có hồ sơ phải yêu cầu bổ sung lần thứ hai", Kind: iso.ObjectiveMeasured, Metric: iso.MetricSecondSupplement, Target: 0},
		{ID: "dao-tao", Name: "100% cán bộ, công chức được đào tạo về ISO 9001:2015", Kind: iso.ObjectiveManual,
			Comparison: iso.AtLeast, Unit: iso.UnitPercent, Target: 100, Note: "Tỷ lệ cán bộ, công chức của bộ phận một cửa đã dự lớp đào tạo"},
	} {
		o.Year = year
		if err := c.call(leader, "Iso.SetObjective", app.SetObjectiveRequest{Objective: o}, nil); err != nil {
			return fmt.Errorf("objective %s: %w", o.ID, err)
		}
	}
	// Training went on through the year: a quarter of the staff each
	// quarter, entered at each quarter's last month so far.
	for q := 1; q <= 4 && time.Month(3*q) <= now.Month(); q++ {
		v := app.ObjectiveValueRequest{Year: year, ID: "dao-tao", Month: fmt.Sprintf("%d-%02d", year, 3*q), Value: float64(25 * q), Note: "Danh sách học viên lớp đào tạo quý " + fmt.Sprint(q)}
		if err := c.call(leader, "Iso.RecordObjectiveValue", v, nil); err != nil {
			return fmt.Errorf("training value: %w", err)
		}
	}
	// The year's management review, held on the demo's last day; its
	// minutes are then corrected once to add the action on resources.
	today := now.Format(time.DateOnly)
	due := now.AddDate(0, 1, 0).Format(time.DateOnly)
	review := app.RecordReviewRequest{
		Period: fmt.Sprint(year), Date: today, Chair: "Lê Thị Lan",
		Attendees: []string{"Lê Thị Lan (Phó Chủ tịch UBND xã)", "Nguyễn Thị Hồng (công chức một cửa)", "Trần Văn Minh (công chức tư pháp - hộ tịch)", "Phạm Quốc Bảo (thư ký ISO)"},
		Resources: "Bộ phận một cửa cần thêm một máy quét tài liệu và một đường truyền dự phòng.",
		Decisions: []string{
			"Duy trì chính sách chất lượng; bổ sung cam kết lấy sự hài lòng của người dân làm thước đo.",
			"Giữ nguyên các mục tiêu chất lượng cho năm sau; theo dõi hằng tháng tỷ lệ đúng hạn.",
		},
		Actions: []iso.ReviewAction{{Title: "Rà soát thời gian từng bước của các quy trình có hồ sơ trễ hạn", Owner: "chuyenvien", Due: due}},
	}
	var held iso.Review
	if err := c.call(leader, "Iso.RecordReview", review, &held); err != nil {
		return fmt.Errorf("the management review: %w", err)
	}
	review.ID = held.ID
	review.Actions = append(review.Actions, iso.ReviewAction{Title: "Đề xuất mua sắm máy quét tài liệu cho bộ phận một cửa", Owner: "lanhdao", Due: due})
	if err := c.call(leader, "Iso.RecordReview", review, nil); err != nil {
		return fmt.Errorf("correcting the management review: %w", err)
	}
	policy := app.PolicyRequest{Year: year, Text: "UBND xã Đông Sơn cam kết giải quyết thủ tục hành chính công khai, minh bạch, đúng hạn; " +
		"lấy sự hài lòng của người dân và tổ chức làm thước đo chất lượng phục vụ; duy trì và cải tiến liên tục hệ thống quản lý chất lượng theo TCVN ISO 9001:2015."}
	if err := c.call(leader, "Iso.SetPolicy", policy, nil); err != nil {
		return fmt.Errorf("the quality policy: %w", err)
	}
	return nil
}
