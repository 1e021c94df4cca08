# `cpack -G DEB` in a build tree configured with -DAP_NATIVE=OFF (see
# scripts/package.sh) builds attention-playground_VERSION_amd64.deb.
# Library dependencies come from dpkg-shlibdeps on the installed binary;
# the fonts are named here because Qt finds them only at run time.
set(CPACK_PACKAGE_NAME attention-playground)
set(CPACK_PACKAGE_VENDOR "The Attention Playground developers")
set(CPACK_PACKAGE_CONTACT "The Attention Playground developers <attention-playground@users.noreply.github.com>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "explore the attention mechanism of neural networks")
set(CPACK_PACKAGE_DESCRIPTION
"Edit queries, keys and values, choose how attention scores are computed
and normalized, add masks and heads, and watch the attention heatmap change
at once. Trains a small encoder-decoder translator and shows its attention.
Exports PNG, SVG and PDF from the window or the command line. English and
Simplified Chinese interface.")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/attention-playground/attention-playground")
set(CPACK_PACKAGE_INSTALL_DIRECTORY attention-playground)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Latin labels are drawn in DejaVu Sans; Chinese ones need a CJK font.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core, fonts-wqy-microhei | fonts-noto-cjk")
# Qt's own Chinese messages (standard dialogs).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n")
set(CPACK_GENERATOR DEB)

if(AP_NATIVE)
    message(STATUS "AP_NATIVE is ON: a package built from this tree runs only on processors like this one; "
                   "configure with -DAP_NATIVE=OFF for a portable package (scripts/package.sh does)")
endif()

include(CPack)
