// Every documented size limit of the engine, in one place. Each is chosen
// so that a stray or hostile file is refused with a message before anything
// large is allocated, and so that what is accepted runs in reasonable time.
#pragma once

#include <cstdint>

namespace ap::limits {

// Scenes (README "Limits"). Chosen so that no legal scene can exhaust a
// 24 GiB machine: the result keeps scores and weights for every head,
// heads * Lq * Lk * 8 bytes <= 16 * 4096 * 4096 * 8 = 2 GiB.
inline constexpr int kMaxTokens = 4096;  // rows of queries / keys / values
inline constexpr int kMaxWidth = 4096;   // columns of any input or projection
inline constexpr int kMaxHeads = 16;
inline constexpr int kMaxAdditiveWidth = 1024;  // da of additive scoring
inline constexpr std::int64_t kMaxFileBytes = 64ll * 1024 * 1024;
inline constexpr int kMaxTokenBytes = 256;   // one token's UTF-8 length
inline constexpr int kMaxTitleBytes = 1024;  // the title's UTF-8 length
inline constexpr int kMaxJsonDepth = 64;
// Draws per row of the sample normalizer. Each draw is a binary search over
// the row, so a full-size scene (16 heads x 4096 rows) at this limit makes
// 6.6e9 draws; 100 000 already resolves a frequency to about +-0.003.
inline constexpr int kMaxSamples = 100000;
// Seeds are whole numbers that a JSON double holds exactly (2^53 - 1).
inline constexpr std::uint64_t kMaxSeed = (std::uint64_t(1) << 53) - 1;

// Parallel corpora: a stray file (a log, a whole book) is refused instead of
// exhausting memory or making training crawl; the shipped corpora are far
// below these.
namespace corpus {
inline constexpr std::int64_t kMaxFileBytes = 16ll * 1024 * 1024;
inline constexpr int kMaxPairs = 100000;
inline constexpr int kMaxTokensPerSide = 100;
// Equal to a scene's kMaxTokenBytes, so that any pair can be opened in the
// playground as a scene.
inline constexpr int kMaxTokenBytes = limits::kMaxTokenBytes;
}  // namespace corpus

// Attention tensors imported from models (engine/import): a file within
// these can be inspected and viewed.
namespace tensor {
inline constexpr std::int64_t kMaxTokens = 65536;            // queries or keys
inline constexpr std::int64_t kMaxSlices = 65536;            // layers x heads
inline constexpr std::int64_t kMaxTokenBytes = 4096;         // one token label, UTF-8
inline constexpr std::int64_t kMaxHeaderBytes = 16ll << 20;  // npy / safetensors headers
}  // namespace tensor

// Attention flow (engine/analysis) solves queries² max-flow problems on a
// graph of layers · queries² edges; beyond these sizes it is refused.
namespace flow {
inline constexpr int kMaxTokens = 32;
inline constexpr int kMaxLayers = 48;
}  // namespace flow

// One whole queries x keys matrix of an attention file (a head, a fusion of
// heads, a rollout) is built in memory only up to this many cells (256 MiB
// of floats; rollout holds three). Larger files are read a block of rows at
// a time (attentionRows, head statistics) or refused before anything is
// allocated.
inline constexpr std::int64_t kMaxMatrixCells = 8192ll * 8192;

}  // namespace ap::limits
