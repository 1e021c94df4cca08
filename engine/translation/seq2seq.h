// The whole encoder-decoder: model, decoding, evaluation, training and the
// model file, for code that uses all of them.
#pragma once

#include "translation/decoding.h"
#include "translation/evaluation.h"
#include "translation/seq2seq_model.h"
#include "translation/trainer.h"
#include "translation/model_file.h"
