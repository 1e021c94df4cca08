// Scene titles as views show them. A title can be megabytes long; views
// never show more than a line of it, and measuring the whole text on every
// repaint would stall them.
#pragma once

#include <QString>

#include <string>

namespace ui {

// A longer title is cut, with an ellipsis, before it is shown; views then
// elide it to their width (QFontMetrics::elidedText).
inline constexpr int kMaxShownTitleChars = 300;

// The title decoded from UTF-8 and cut to kMaxShownTitleChars; the titles
// of the built-in examples and lessons in the interface language.
QString shortTitle(const std::string& title);

}  // namespace ui
