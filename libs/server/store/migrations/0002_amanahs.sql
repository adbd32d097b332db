-- The seventeen amanahs (the same list as libs/shared/domain/src/amanahs.ts; a store test keeps them equal).
-- ReplacingMergeTree so that a migration run twice, or by two processes at once, still leaves one row per id.
CREATE TABLE IF NOT EXISTS amanahs (
  id LowCardinality(String),
  name_ar String,
  name_en String,
  region_ar String,
  region_en String
) ENGINE = ReplacingMergeTree ORDER BY id;

INSERT INTO amanahs (id, name_ar, name_en, region_ar, region_en) VALUES
  ('riyadh', 'أمانة منطقة الرياض', 'Riyadh Region Municipality', 'منطقة الرياض', 'Riyadh Region'),
  ('makkah', 'أمانة العاصمة المقدسة', 'Holy Capital Municipality (Makkah)', 'منطقة مكة المكرمة', 'Makkah Region'),
  ('jeddah', 'أمانة محافظة جدة', 'Jeddah Municipality', 'منطقة مكة المكرمة', 'Makkah Region'),
  ('madinah', 'أمانة منطقة المدينة المنورة', 'Madinah Region Municipality', 'منطقة المدينة المنورة', 'Madinah Region'),
  ('eastern', 'أمانة المنطقة الشرقية', 'Eastern Province Municipality', 'المنطقة الشرقية', 'Eastern Province'),
  ('ahsa', 'أمانة الأحساء', 'Al-Ahsa Municipality', 'المنطقة الشرقية', 'Eastern Province'),
  ('hafr_albatin', 'أمانة محافظة حفر الباطن', 'Hafr Al-Batin Municipality', 'المنطقة الشرقية', 'Eastern Province'),
  ('taif', 'أمانة محافظة الطائف', 'Taif Municipality', 'منطقة مكة المكرمة', 'Makkah Region'),
  ('qassim', 'أمانة منطقة القصيم', 'Qassim Region Municipality', 'منطقة القصيم', 'Qassim Region'),
  ('asir', 'أمانة منطقة عسير', 'Asir Region Municipality', 'منطقة عسير', 'Asir Region'),
  ('tabuk', 'أمانة منطقة تبوك', 'Tabuk Region Municipality', 'منطقة تبوك', 'Tabuk Region'),
  ('hail', 'أمانة منطقة حائل', 'Hail Region Municipality', 'منطقة حائل', 'Hail Region'),
  ('northern_borders', 'أمانة منطقة الحدود الشمالية', 'Northern Borders Region Municipality', 'منطقة الحدود الشمالية', 'Northern Borders Region'),
  ('jazan', 'أمانة منطقة جازان', 'Jazan Region Municipality', 'منطقة جازان', 'Jazan Region'),
  ('najran', 'أمانة منطقة نجران', 'Najran Region Municipality', 'منطقة نجران', 'Najran Region'),
  ('baha', 'أمانة منطقة الباحة', 'Al-Baha Region Municipality', 'منطقة الباحة', 'Al-Baha Region'),
  ('jouf', 'أمانة منطقة الجوف', 'Al-Jouf Region Municipality', 'منطقة الجوف', 'Al-Jouf Region');
