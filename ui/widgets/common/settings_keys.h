// Every QSettings key the application uses, in one place, so that no two
// parts of the program read one key under two spellings.
#pragma once

namespace ui::settings_keys {

// Main window
inline constexpr char kGeometry[] = "geometry";
inline constexpr char kWindowState[] = "windowState";
inline constexpr char kShowNumbers[] = "showNumbers";
inline constexpr char kColormap[] = "colormap";
inline constexpr char kColorScale[] = "colorScale";  // fixed, minmax, row, log, diverging
inline constexpr char kLastDir[] = "lastDir";
// Export dialog: what was exported last, at which size and in which format
inline constexpr char kExportTarget[] = "export/target";
inline constexpr char kExportSize[] = "export/size";
inline constexpr char kExportFormat[] = "export/format";
// File ▸ Open Recent
inline constexpr char kRecentFiles[] = "recentFiles";

}  // namespace ui::settings_keys
