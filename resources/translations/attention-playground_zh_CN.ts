<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttentionHeatmap</name>
    <message>
        <source>%1 · mean of all layers and heads</source>
        <translation>%1 · 所有层和头的平均</translation>
    </message>
    <message>
        <source>%1 · maximum of all layers and heads</source>
        <translation>%1 · 所有层和头的最大值</translation>
    </message>
    <message numerus="yes">
        <source>%1 · head %2 · mean of %n layers</source>
        <translation>
            <numerusform>%1 · 头 %2 · %n 层的平均</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · head %2 · maximum of %n layers</source>
        <translation>
            <numerusform>%1 · 头 %2 · %n 层的最大值</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · layer %2 · mean of %n heads</source>
        <translation>
            <numerusform>%1 · 第 %2 层 · %n 个头的平均</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · layer %2 · maximum of %n heads</source>
        <translation>
            <numerusform>%1 · 第 %2 层 · %n 个头的最大值</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · layer %2 · head %3</source>
        <translation>%1 · 第 %2 层 · 头 %3</translation>
    </message>
    <message>
        <source>rollout</source>
        <translation>注意力展开</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>%1: unknown image type (use .png, .svg or .pdf)</source>
        <translation>%1：未知的图像类型（请使用 .png、.svg 或 .pdf）</translation>
    </message>
    <message>
        <source>%1: image size %2 x %3 is outside 16..16384 pixels</source>
        <translation>%1：图像尺寸 %2 x %3 超出 16..16384 像素的范围</translation>
    </message>
    <message>
        <source>%1: the image could not be drawn</source>
        <translation>%1：无法绘制图像</translation>
    </message>
    <message>
        <source>%1: cannot write: %2</source>
        <translation>%1：无法写入：%2</translation>
    </message>
</context>
<context>
    <name>ui::About</name>
    <message>
        <source>this processor (-march=native)</source>
        <translation>本机处理器（-march=native）</translation>
    </message>
    <message>
        <source>any x86-64 processor</source>
        <translation>任意 x86-64 处理器</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Attention Playground %1&lt;/h3&gt;&lt;p&gt;Edit queries, keys and values, change the scoring and normalization, and watch attention change.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2 (built with %3)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Eigen&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;QCustomPlot&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Build type&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Optimised for&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;h3&gt;注意力实验场 %1&lt;/h3&gt;&lt;p&gt;编辑查询、键和值，改变打分与归一化方式，观察注意力的变化。&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2（构建时为 %3）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Eigen&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;QCustomPlot&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;构建类型&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;优化目标&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>About Attention Playground</source>
        <translation>关于注意力实验场</translation>
    </message>
</context>
<context>
    <name>ui::Application</name>
    <message>
        <source>Attention Playground</source>
        <translation>注意力实验场</translation>
    </message>
</context>
<context>
    <name>ui::BarChartView</name>
    <message>
        <source>masked key</source>
        <translation>已屏蔽的键</translation>
    </message>
    <message>
        <source>keys</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Click a heatmap row or a query to see its weights over the keys</source>
        <translation>点击热力图的一行或一个查询，查看它在各个键上的权重</translation>
    </message>
    <message>
        <source>weights of ‘%1’ over the keys</source>
        <translation>“%1”在各个键上的权重</translation>
    </message>
    <message>
        <source>raw scores of ‘%1’ over the keys</source>
        <translation>“%1”在各个键上的原始分数</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>masked</source>
        <translation>已屏蔽</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：%2 %3</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: masked, weight exactly 0</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：已屏蔽，权重恰好为 0</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: masked (raw score %2, weight exactly 0)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：已屏蔽（原始分数 %2，权重恰好为 0）</translation>
    </message>
</context>
<context>
    <name>ui::ChangeView</name>
    <message>
        <source>With the heads off minus with every head on: red where the head now gives more weight, blue where it gives less, white where nothing moved.</source>
        <translation>关闭头后减去所有头开启时：红色表示该头现在给出更多权重，蓝色表示更少，白色表示没有变化。</translation>
    </message>
    <message>
        <source>Switch heads off (Ctrl+click in the grid) to see here how a head&apos;s weights change.</source>
        <translation>关闭一些头（在网格中 Ctrl+单击），即可在此查看某个头的权重如何变化。</translation>
    </message>
    <message>
        <source>Layer %1, head %2, chosen in the grid.</source>
        <translation>第 %1 层，第 %2 个头（在网格中选定）。</translation>
    </message>
    <message>
        <source>Layer %1, head %2: the head whose weights moved most (choose a head in the grid to see another).</source>
        <translation>第 %1 层，第 %2 个头：权重变化最大的头（在网格中选择其他头可查看它）。</translation>
    </message>
    <message>
        <source>Layer %1, head %2: heads off − every head on</source>
        <translation>第 %1 层，第 %2 个头：关闭头后 − 所有头开启</translation>
    </message>
    <message>
        <source>Δ weight</source>
        <translation>权重差 Δ</translation>
    </message>
</context>
<context>
    <name>ui::ChannelWindow</name>
    <message>
        <source>Channel attention</source>
        <translation>通道注意力</translation>
    </message>
    <message>
        <source>Channels C of each 8 × 8 image</source>
        <translation>每幅 8 × 8 图像的通道数 C</translation>
    </message>
    <message>
        <source>The channel K shifted by +0.5 for label 1 and by -0.5 for label 0; the others are N(0, 1) noise</source>
        <translation>标签为 1 时通道 K 平移 +0.5，标签为 0 时平移 -0.5；其余通道为 N(0, 1) 噪声</translation>
    </message>
    <message>
        <source>Training images, drawn afresh from the seed</source>
        <translation>训练图像，按种子重新生成</translation>
    </message>
    <message>
        <source>Fresh images for the accuracy and the chart</source>
        <translation>用于计算准确率和绘制图表的新图像</translation>
    </message>
    <message>
        <source>Passes over the training images</source>
        <translation>遍历训练图像的轮数</translation>
    </message>
    <message>
        <source>Images per Adam step</source>
        <translation>每个 Adam 步的图像数</translation>
    </message>
    <message>
        <source>Adam&apos;s learning rate</source>
        <translation>Adam 的学习率</translation>
    </message>
    <message>
        <source>Hard sigmoid (MobileNetV3)</source>
        <translation>Hard sigmoid（MobileNetV3）</translation>
    </message>
    <message>
        <source>Hard swish</source>
        <translation>Hard swish</translation>
    </message>
    <message>
        <source>Sigmoid (SENet)</source>
        <translation>Sigmoid（SENet）</translation>
    </message>
    <message>
        <source>The activation that turns the second layer&apos;s output into channel weights</source>
        <translation>把第二层的输出变为通道权重的激活函数</translation>
    </message>
    <message>
        <source>Seed of the data, the initial parameters and the order of the batches: the same seed gives the same run</source>
        <translation>数据、初始参数和批次顺序的种子：相同的种子给出相同的运行</translation>
    </message>
    <message>
        <source>Channels C:</source>
        <translation>通道数 C：</translation>
    </message>
    <message>
        <source>Informative channel K:</source>
        <translation>信息通道 K：</translation>
    </message>
    <message>
        <source>Excitation:</source>
        <translation>激励：</translation>
    </message>
    <message>
        <source>all test samples</source>
        <translation>全部测试样本</translation>
    </message>
    <message>
        <source>class 0</source>
        <translation>类别 0</translation>
    </message>
    <message>
        <source>class 1</source>
        <translation>类别 1</translation>
    </message>
    <message>
        <source>Mean excitation per channel</source>
        <translation>每个通道的平均激励</translation>
    </message>
    <message>
        <source>excitation</source>
        <translation>激励</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>The weight the excitation gives each channel, averaged over the test images, and over those of each class; the shaded channel carries the label</source>
        <translation>激励给每个通道的权重，对全部测试图像以及每个类别的图像取平均；阴影标出的通道携带标签</translation>
    </message>
    <message>
        <source>informative channel %1</source>
        <translation>信息通道 %1</translation>
    </message>
    <message>
        <source>Epoch %1, batch %2 of %3: test accuracy %4, excitation peaks at channel %5 with %6.</source>
        <translation>第 %1 轮，第 %2 批（共 %3 批）：测试准确率 %4，激励在通道 %5 处最高，为 %6。</translation>
    </message>
</context>
<context>
    <name>ui::ColorScale</name>
    <message>
        <source>Fixed 0 to 1</source>
        <translation>固定 0 到 1</translation>
    </message>
    <message>
        <source>Data Minimum to Maximum</source>
        <translation>数据最小值到最大值</translation>
    </message>
    <message>
        <source>Each Row on Its Own</source>
        <translation>每行单独缩放</translation>
    </message>
    <message>
        <source>Logarithmic</source>
        <translation>对数</translation>
    </message>
    <message>
        <source>Diverging around 0 (Scores)</source>
        <translation>以 0 为中心的发散色（分数）</translation>
    </message>
    <message>
        <source>Weights on 0 to 1, the same colours for every scene (scores use their minimum to maximum)</source>
        <translation>权重按 0 到 1 着色，每个场景颜色含义相同（分数使用其最小值到最大值）</translation>
    </message>
    <message>
        <source>From the smallest to the largest unmasked value shown</source>
        <translation>从所显示的未屏蔽值中的最小值到最大值</translation>
    </message>
    <message>
        <source>Each query row from 0 (scores: its smallest value) to its own largest value, so every row&apos;s pattern shows</source>
        <translation>每个查询行从 0（分数：该行最小值）到该行自身的最大值，使每一行的模式都清晰可见</translation>
    </message>
    <message>
        <source>log10 of the weights, from the smallest positive weight to the largest: weights of 1/1000 become visible</source>
        <translation>权重取 log10，从最小的正权重到最大权重：1/1000 量级的权重也能看清</translation>
    </message>
    <message>
        <source>Raw scores in a blue-white-red map with white at 0 (weights keep 0 to 1)</source>
        <translation>原始分数使用蓝—白—红配色，0 为白色（权重保持 0 到 1）</translation>
    </message>
</context>
<context>
    <name>ui::ColorScaleMenu</name>
    <message>
        <source>Colour &amp;Scale</source>
        <translation>颜色刻度(&amp;S)</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
</context>
<context>
    <name>ui::CompareSide</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>ui::CompareWindow</name>
    <message>
        <source>Compare — %1</source>
        <translation>对比 — %1</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>B − A: red where B gives more weight, blue where A does, white where they agree.</source>
        <translation>B − A：红色表示 B 的权重更大，蓝色表示 A 的权重更大，白色表示两者一致。</translation>
    </message>
    <message>
        <source>query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>JS divergence</source>
        <translation>JS 散度</translation>
    </message>
    <message>
        <source>max |Δ|</source>
        <translation>最大 |Δ|</translation>
    </message>
    <message>
        <source>Per query: the Jensen–Shannon divergence of the two weight rows (base 2: 0 equal, 1 disjoint) and the largest absolute difference of a weight.</source>
        <translation>每个查询：两行权重的 Jensen–Shannon 散度（以 2 为底：0 表示相同，1 表示不相交）以及权重的最大绝对差。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Export Difference…</source>
        <translation>导出差异(&amp;E)…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Save the difference heatmap as PNG, SVG or PDF, or the per-row table as CSV</source>
        <translation>将差异热力图保存为 PNG、SVG 或 PDF，或将逐行表格保存为 CSV</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>A and B have different shapes: compare needs the same queries and keys.</source>
        <translation>A 与 B 的形状不同：对比需要相同的查询和键。</translation>
    </message>
    <message>
        <source>B − A (mean weights)</source>
        <translation>B − A（平均权重）</translation>
    </message>
    <message>
        <source>Δ weight</source>
        <translation>权重差 Δ</translation>
    </message>
    <message>
        <source>The rows differ most at “%1” (JS divergence %2).</source>
        <translation>差异最大的行是“%1”（JS 散度 %2）。</translation>
    </message>
    <message>
        <source>%1: nothing to export yet</source>
        <translation>%1：尚无可导出的内容</translation>
    </message>
    <message>
        <source>Export Difference</source>
        <translation>导出差异</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf);;Per-row CSV (*.csv)</source>
        <translation>PNG 图像 (*.png);;SVG 图形 (*.svg);;PDF 文档 (*.pdf);;逐行 CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>ui::ControlsPanel</name>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>dot</source>
        <translation>点积</translation>
    </message>
    <message>
        <source>score = q·k</source>
        <translation>分数 = q·k</translation>
    </message>
    <message>
        <source>scaled dot</source>
        <translation>缩放点积</translation>
    </message>
    <message>
        <source>score = q·k / √dₕ (Vaswani et al. 2017): the spread of the scores no longer grows with the head width dₕ</source>
        <translation>分数 = q·k / √dₕ（Vaswani 等，2017）：分数的离散程度不再随头宽度 dₕ 增大</translation>
    </message>
    <message>
        <source>general (Luong)</source>
        <translation>一般（Luong）</translation>
    </message>
    <message>
        <source>score = qᵀ W k, W is dₕ × dₕ (Luong et al. 2015)</source>
        <translation>分数 = qᵀ W k，W 为 dₕ × dₕ（Luong 等，2015）</translation>
    </message>
    <message>
        <source>additive (Bahdanau)</source>
        <translation>加性（Bahdanau）</translation>
    </message>
    <message>
        <source>score = vᵀ tanh(W_q q + W_k k) (Bahdanau et al. 2015)</source>
        <translation>分数 = vᵀ tanh(W_q q + W_k k)（Bahdanau 等，2015）</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>score = q·k / (‖q‖ ‖k‖), and 0 where a norm is 0</source>
        <translation>分数 = q·k / (‖q‖ ‖k‖)，范数为 0 时取 0</translation>
    </message>
    <message>
        <source>&amp;Scoring:</source>
        <translation>打分(&amp;S)：</translation>
    </message>
    <message>
        <source>softmax</source>
        <translation>softmax</translation>
    </message>
    <message>
        <source>wⱼ = exp(sⱼ/T) / Σₖ exp(sₖ/T)</source>
        <translation>wⱼ = exp(sⱼ/T) / Σₖ exp(sₖ/T)</translation>
    </message>
    <message>
        <source>hard</source>
        <translation>硬注意力</translation>
    </message>
    <message>
        <source>wⱼ = 1 for the unmasked key with the largest score, 0 elsewhere (ties go to the lowest index)</source>
        <translation>分数最大的未屏蔽键 wⱼ = 1，其余为 0（分数相同时取序号最小者）</translation>
    </message>
    <message>
        <source>top-k</source>
        <translation>top-k</translation>
    </message>
    <message>
        <source>wⱼ = exp(sⱼ/T) / Σ_{k∈top-k} exp(sₖ/T) for the k largest unmasked scores, 0 elsewhere</source>
        <translation>对最大的 k 个未屏蔽分数 wⱼ = exp(sⱼ/T) / Σ_{k∈top-k} exp(sₖ/T)，其余为 0</translation>
    </message>
    <message>
        <source>sparsemax</source>
        <translation>sparsemax</translation>
    </message>
    <message>
        <source>w = argmin_{p∈Δ} ‖p − s/T‖² (Martins &amp; Astudillo 2016): low scores get weight exactly 0</source>
        <translation>w = argmin_{p∈Δ} ‖p − s/T‖²（Martins 与 Astudillo，2016）：较低的分数得到恰好为 0 的权重</translation>
    </message>
    <message>
        <source>k = </source>
        <translation>k = </translation>
    </message>
    <message>
        <source>top-k keeps the k largest unmasked scores of each query and applies softmax to them; k ≥ the number of unmasked keys is plain softmax</source>
        <translation>top-k 保留每个查询最大的 k 个未屏蔽分数并对其做 softmax；k 不小于未屏蔽键的个数时即为普通 softmax</translation>
    </message>
    <message>
        <source>&amp;Normalization:</source>
        <translation>归一化(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Temperature:</source>
        <translation>温度(&amp;T)：</translation>
    </message>
    <message>
        <source>Heads and mask</source>
        <translation>注意力头与掩码</translation>
    </message>
    <message>
        <source>h heads split the width: dₕ = d/h. Head i uses columns [i·dₕ, (i+1)·dₕ) of Q and K and [i·dv/h, (i+1)·dv/h) of V; the output is the heads&apos; contexts side by side. h must divide d and dv.</source>
        <translation>h 个头平分宽度：dₕ = d/h。第 i 个头使用 Q 和 K 的第 [i·dₕ, (i+1)·dₕ) 列以及 V 的第 [i·dv/h, (i+1)·dv/h) 列；输出是各头上下文的并排拼接。h 必须整除 d 和 dv。</translation>
    </message>
    <message>
        <source>&amp;Heads:</source>
        <translation>注意力头(&amp;H)：</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>No preset: only key padding and masked cells apply (a masked cell gets weight exactly 0)</source>
        <translation>无预设：只应用键填充和被屏蔽的单元格（被屏蔽的单元格权重恰好为 0）</translation>
    </message>
    <message>
        <source>causal</source>
        <translation>因果</translation>
    </message>
    <message>
        <source>mᵢⱼ = [j &gt; i]: query i may not attend a later key j (triu(ones, 1))</source>
        <translation>mᵢⱼ = [j &gt; i]：查询 i 不能关注其后的键 j（triu(ones, 1)）</translation>
    </message>
    <message>
        <source>Mask edit mode</source>
        <translation>掩码编辑模式</translation>
    </message>
    <message>
        <source>While on, clicking a heatmap cell (query i, key j) masks or unmasks it: wᵢⱼ = 0 and row i is renormalized over its other keys</source>
        <translation>开启时，点击热力图单元格（查询 i，键 j）即可屏蔽或取消屏蔽：wᵢⱼ = 0，第 i 行在其余键上重新归一化</translation>
    </message>
    <message>
        <source>&amp;Mask:</source>
        <translation>掩码(&amp;M)：</translation>
    </message>
    <message>
        <source>Inputs and view</source>
        <translation>输入与显示</translation>
    </message>
    <message>
        <source>Self-attention (Q = K = V)</source>
        <translation>自注意力（Q = K = V）</translation>
    </message>
    <message>
        <source>Q = K = V = X: one matrix of tokens serves as queries, keys and values, so the sentence attends to itself</source>
        <translation>Q = K = V = X：同一个词元矩阵同时用作查询、键和值，句子关注它自身</translation>
    </message>
    <message>
        <source>K = V</source>
        <translation>K = V</translation>
    </message>
    <message>
        <source>V = K: the values are the keys (the encoder–decoder convention, K = V = encoder states)</source>
        <translation>V = K：值就是键（编码器–解码器的惯例，K = V = 编码器状态）</translation>
    </message>
    <message>
        <source>Show raw scores</source>
        <translation>显示原始分数</translation>
    </message>
    <message>
        <source>Show sᵢⱼ = score(qᵢ, kⱼ), before temperature and mask, instead of the weights wᵢⱼ</source>
        <translation>显示温度和掩码作用之前的 sᵢⱼ = score(qᵢ, kⱼ)，而不是权重 wᵢⱼ</translation>
    </message>
    <message>
        <source>sample</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>stochastic hard attention (Xu et al. 2015): N draws of a key with probability softmax(s/T); wⱼ = count of j / N</source>
        <translation>随机硬注意力（Xu 等，2015）：按概率 softmax(s/T) 抽取 N 次键；wⱼ = j 被抽中的次数 / N</translation>
    </message>
    <message>
        <source>N = </source>
        <translation>N = </translation>
    </message>
    <message>
        <source>Draws per query row. N = 1 gives one-hot rows; as N grows the frequencies approach the softmax probabilities.</source>
        <translation>每个查询行的抽样次数。N = 1 时每行为独热向量；N 越大，频率越接近 softmax 概率。</translation>
    </message>
    <message>
        <source>seed </source>
        <translation>种子 </translation>
    </message>
    <message>
        <source>The same seed gives the same draws on every machine.</source>
        <translation>相同的种子在任何机器上都给出相同的抽样结果。</translation>
    </message>
    <message>
        <source>&amp;Resample</source>
        <translation>重新采样(&amp;R)</translation>
    </message>
    <message>
        <source>Draw again with a new seed (Ctrl+Shift+R); undo returns to the previous draws.</source>
        <translation>用新种子重新抽样（Ctrl+Shift+R）；撤销可回到之前的抽样结果。</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>Sa&amp;mples:</source>
        <translation>采样数(&amp;M)：</translation>
    </message>
</context>
<context>
    <name>ui::CorpusPicker</name>
    <message>
        <source>The shipped corpora, and the files loaded with Load pairs…</source>
        <translation>随程序提供的语料，以及通过“加载句对…”加载的文件</translation>
    </message>
    <message>
        <source>French → English</source>
        <translation>法语 → 英语</translation>
    </message>
    <message>
        <source>Chinese → English</source>
        <translation>中文 → 英语</translation>
    </message>
    <message>
        <source>German → English</source>
        <translation>德语 → 英语</translation>
    </message>
    <message>
        <source>&amp;Corpus:</source>
        <translation>语料(&amp;C)：</translation>
    </message>
</context>
<context>
    <name>ui::ExperimentWindow</name>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>Train a new model from the settings (Ctrl+Return)</source>
        <translation>按当前设置训练一个新模型（Ctrl+Return）</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Hold the training at the next batch, or go on with it (Ctrl+P)</source>
        <translation>在下一批处暂停训练，或继续训练（Ctrl+P）</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>End the training at the next batch; the charts keep the model as it is (Esc)</source>
        <translation>在下一批处结束训练；图表保留模型当时的状态（Esc）</translation>
    </message>
    <message>
        <source>Batches done of the whole run</source>
        <translation>整个运行中已完成的批次</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Export &amp;chart...</source>
        <translation>导出图表(&amp;C)...</translation>
    </message>
    <message>
        <source>Save the bar chart as a PNG, SVG or PDF file</source>
        <translation>把柱状图保存为 PNG、SVG 或 PDF 文件</translation>
    </message>
    <message>
        <source>Export chart &amp;data (CSV)...</source>
        <translation>导出图表数据 (CSV)(&amp;D)...</translation>
    </message>
    <message>
        <source>Save the numbers of the bar chart as CSV</source>
        <translation>把柱状图的数值保存为 CSV</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Batch %1 of %2, training loss %3.</source>
        <translation>第 %1 批（共 %2 批），训练损失 %3。</translation>
    </message>
    <message>
        <source>Training finished.</source>
        <translation>训练完成。</translation>
    </message>
    <message>
        <source>Training stopped.</source>
        <translation>训练已停止。</translation>
    </message>
    <message>
        <source>Generating the data...</source>
        <translation>正在生成数据...</translation>
    </message>
    <message>
        <source>Paused.</source>
        <translation>已暂停。</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图片 (*.png);;SVG 图片 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Export chart data</source>
        <translation>导出图表数据</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Training failed.</source>
        <translation>训练失败。</translation>
    </message>
    <message>
        <source>Training samples:</source>
        <translation>训练样本数：</translation>
    </message>
    <message>
        <source>Test samples:</source>
        <translation>测试样本数：</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>轮数：</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
</context>
<context>
    <name>ui::ExperimentsMenu</name>
    <message>
        <source>E&amp;xperiments</source>
        <translation>实验(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Time-step attention...</source>
        <translation>时间步注意力(&amp;T)...</translation>
    </message>
    <message>
        <source>&amp;Channel attention...</source>
        <translation>通道注意力(&amp;C)...</translation>
    </message>
    <message>
        <source>Train an LSTM whose attention over the time steps finds the step that carries the label</source>
        <translation>训练一个 LSTM，其在时间步上的注意力会找到携带标签的时间步</translation>
    </message>
    <message>
        <source>Train a squeeze-and-excitation block that finds the channel that carries the label</source>
        <translation>训练一个挤压-激励模块，它会找到携带标签的通道</translation>
    </message>
    <message>
        <source>&amp;Spatial attention...</source>
        <translation>空间注意力(&amp;S)...</translation>
    </message>
    <message>
        <source>Train a spatial transformer that learns where to look in distorted digits</source>
        <translation>训练一个空间变换器，让它学会在扭曲的数字中该看哪里</translation>
    </message>
</context>
<context>
    <name>ui::ExportDialog</name>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG 图片 (*.svg)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Export Image</source>
        <translation>导出图片</translation>
    </message>
    <message>
        <source>The heatmap shown</source>
        <translation>当前显示的热力图</translation>
    </message>
    <message>
        <source>Every head and the mean (grid)</source>
        <translation>所有头及其平均（网格）</translation>
    </message>
    <message>
        <source>What the image shows: the main heatmap (one head or the mean), or all heads side by side</source>
        <translation>图片的内容：主热力图（一个头或平均），或所有头并排</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Image width in pixels (points for PDF)</source>
        <translation>图片宽度，单位为像素（PDF 为点）</translation>
    </message>
    <message>
        <source>Image height in pixels (points for PDF)</source>
        <translation>图片高度，单位为像素（PDF 为点）</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Width:</source>
        <translation>宽度(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Height:</source>
        <translation>高度(&amp;H)：</translation>
    </message>
    <message>
        <source>Choose File…</source>
        <translation>选择文件…</translation>
    </message>
</context>
<context>
    <name>ui::GenerateCorpusDialog</name>
    <message>
        <source>Generate a Corpus</source>
        <translation>生成语料</translation>
    </message>
    <message>
        <source>French → English</source>
        <translation>法语 → 英语</translation>
    </message>
    <message>
        <source>German → English</source>
        <translation>德语 → 英语</translation>
    </message>
    <message>
        <source>Chinese → English</source>
        <translation>中文 → 英语</translation>
    </message>
    <message>
        <source>The grammar: French shows adjectives after the noun, gender agreement and ne…pas; German verb-second, verb-final clauses and separable verbs; Chinese measure words, 了 and time before the verb.</source>
        <translation>语法：法语展示名词后的形容词、性的一致和 ne…pas；德语展示动词第二位、从句动词居末和可分动词；中文展示量词、“了”以及时间状语在动词之前。</translation>
    </message>
    <message>
        <source>How many sentence pairs to write.</source>
        <translation>要写出的句对数量。</translation>
    </message>
    <message>
        <source>The same seed always gives the same file.</source>
        <translation>相同的种子总是生成相同的文件。</translation>
    </message>
    <message>
        <source>The corpus file to write (tab-separated, with gold alignments).</source>
        <translation>要写出的语料文件（以制表符分隔，带标准对齐）。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose where to save the corpus.</source>
        <translation>选择语料的保存位置。</translation>
    </message>
    <message>
        <source>&amp;Grammar:</source>
        <translation>语法(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Pairs:</source>
        <translation>句对数(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Seed:</source>
        <translation>种子(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>Write the corpus file (Ctrl+Return).</source>
        <translation>写出语料文件（Ctrl+回车）。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Save Generated Corpus</source>
        <translation>保存生成的语料</translation>
    </message>
    <message>
        <source>Corpora (*.tsv);;All files (*)</source>
        <translation>语料 (*.tsv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose a file to write the corpus to.</source>
        <translation>请选择写出语料的文件。</translation>
    </message>
    <message>
        <source>%1: cannot write the file: %2</source>
        <translation>%1：无法写入文件：%2</translation>
    </message>
    <message numerus="yes">
        <source>Generating %n pair(s)…</source>
        <translation>
            <numerusform>正在生成 %n 个句对…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled; no file was written.</source>
        <translation>已取消；没有写出任何文件。</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n pair(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 个句对写入 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Stop generating; no file is written.</source>
        <translation>停止生成；不会写出文件。</translation>
    </message>
    <message>
        <source>%1: cannot make the folder %2</source>
        <translation>%1：无法创建文件夹 %2</translation>
    </message>
</context>
<context>
    <name>ui::HeadGrid</name>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>平均</translation>
    </message>
</context>
<context>
    <name>ui::HeadGridView</name>
    <message>
        <source>%1: click to show it in the main view</source>
        <translation>%1：点击后在主视图中显示</translation>
    </message>
    <message>
        <source>(%1 × %2 tokens, drawn from every n-th row and column)</source>
        <translation>（%1 × %2 个词元，每隔 n 行、n 列取样绘制）</translation>
    </message>
</context>
<context>
    <name>ui::HeadParamsEditor</name>
    <message>
        <source>The head whose parameters are shown</source>
        <translation>显示其参数的注意力头</translation>
    </message>
    <message>
        <source>Reset to identity</source>
        <translation>重置为单位矩阵</translation>
    </message>
    <message>
        <source>Back to the defaults: W = I for general; Wq = Wk = I and v = 1 for additive</source>
        <translation>恢复默认值：一般打分 W = I；加性打分 Wq = Wk = I，v = 1</translation>
    </message>
    <message>
        <source>Randomize</source>
        <translation>随机化</translation>
    </message>
    <message>
        <source>Normal(0, 1/dh) numbers drawn from the seed, for this head</source>
        <translation>用种子为该头生成服从 Normal(0, 1/dh) 的随机数</translation>
    </message>
    <message>
        <source>seed </source>
        <translation>种子 </translation>
    </message>
    <message>
        <source>Seed of Randomize: the same seed gives the same numbers</source>
        <translation>随机化的种子：相同的种子生成相同的数</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>注意力头</translation>
    </message>
    <message>
        <source>W (dh × dh): score = qᵀ W k</source>
        <translation>W（dh × dh）：分数 = qᵀ W k</translation>
    </message>
    <message>
        <source>Bilinear form of general (Luong) scoring</source>
        <translation>一般（Luong）打分的双线性形式</translation>
    </message>
    <message>
        <source>Wq (da × dh)</source>
        <translation>Wq（da × dh）</translation>
    </message>
    <message>
        <source>Applied to the query: Wq q</source>
        <translation>作用于查询：Wq q</translation>
    </message>
    <message>
        <source>Wk (da × dh)</source>
        <translation>Wk（da × dh）</translation>
    </message>
    <message>
        <source>Applied to the key: Wk k</source>
        <translation>作用于键：Wk k</translation>
    </message>
    <message>
        <source>v (da)</source>
        <translation>v（da）</translation>
    </message>
    <message>
        <source>score = vᵀ tanh(Wq q + Wk k)</source>
        <translation>分数 = vᵀ tanh(Wq q + Wk k)</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <source>No parameters for this scoring kind: %1 scoring reads only Q and K.</source>
        <translation>这种打分方式没有参数：%1打分只读取 Q 和 K。</translation>
    </message>
</context>
<context>
    <name>ui::HeadStatsModel</name>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>注意力头</translation>
    </message>
    <message>
        <source>Entropy</source>
        <translation>熵</translation>
    </message>
    <message>
        <source>Mean distance</source>
        <translation>平均距离</translation>
    </message>
    <message>
        <source>First token</source>
        <translation>首词元</translation>
    </message>
    <message>
        <source>Separators</source>
        <translation>分隔符</translation>
    </message>
    <message>
        <source>Max weight</source>
        <translation>最大权重</translation>
    </message>
    <message>
        <source>Mean over query rows of the entropy of the row&apos;s weights, in nats.</source>
        <translation>各查询行权重熵的平均值，单位为奈特（nat）。</translation>
    </message>
    <message>
        <source>Mean over query rows of the weighted distance |i − j| to the keys, in tokens.</source>
        <translation>各查询行到键的加权距离 |i − j| 的平均值，单位为词元。</translation>
    </message>
    <message>
        <source>Mean share of each row&apos;s attention on the first key.</source>
        <translation>每行注意力落在第一个键上的平均比例。</translation>
    </message>
    <message>
        <source>Mean share of each row&apos;s attention on separator-like keys ([SEP], [CLS], &lt;s&gt;, &lt;/s&gt;, punctuation).</source>
        <translation>每行注意力落在分隔符类键（[SEP]、[CLS]、&lt;s&gt;、&lt;/s&gt;、标点）上的平均比例。</translation>
    </message>
    <message>
        <source>The largest weight of the head.</source>
        <translation>该头的最大权重。</translation>
    </message>
</context>
<context>
    <name>ui::HeadStatsTable</name>
    <message>
        <source>Click a column header to sort; select a row to show the head.</source>
        <translation>点击列标题排序；选择一行以显示该头。</translation>
    </message>
</context>
<context>
    <name>ui::HeadView</name>
    <message>
        <source>Choose a layer and at least one head.</source>
        <translation>请选择一层以及至少一个头。</translation>
    </message>
    <message>
        <source>Lines join each token on the left to the tokens it attends to on the right; their opacity is the weight. Hover a token to see only its lines.</source>
        <translation>连线把左侧的每个词元与它在右侧关注的词元相连，线的不透明度即权重。将鼠标悬停在某个词元上，只显示它的连线。</translation>
    </message>
</context>
<context>
    <name>ui::HeadViewPanel</name>
    <message>
        <source>Draw head %1</source>
        <translation>绘制头 %1</translation>
    </message>
    <message>
        <source>Heads:</source>
        <translation>头：</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
    <message>
        <source>The layer whose heads are drawn.</source>
        <translation>要绘制其各个头的层。</translation>
    </message>
</context>
<context>
    <name>ui::Heatmap</name>
    <message>
        <source>dot</source>
        <translation>点积</translation>
    </message>
    <message>
        <source>scaled dot</source>
        <translation>缩放点积</translation>
    </message>
    <message>
        <source>general</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>additive</source>
        <translation>加性</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>softmax</source>
        <translation>softmax</translation>
    </message>
    <message>
        <source>hard</source>
        <translation>硬注意力</translation>
    </message>
    <message>
        <source>top-k</source>
        <translation>top-k</translation>
    </message>
    <message>
        <source>sparsemax</source>
        <translation>sparsemax</translation>
    </message>
    <message>
        <source>raw scores</source>
        <translation>原始分数</translation>
    </message>
    <message>
        <source>%1 (k = %2)</source>
        <translation>%1（k = %2）</translation>
    </message>
    <message>
        <source>T = %1</source>
        <translation>T = %1</translation>
    </message>
    <message>
        <source>1 head</source>
        <translation>1 个头</translation>
    </message>
    <message numerus="yes">
        <source>mean of %n heads</source>
        <translation>
            <numerusform>%n 个头的平均</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>head %1 (of %n heads)</source>
        <translation>
            <numerusform>头 %1（共 %n 个头）</numerusform>
        </translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>mean score</source>
        <translation>平均分数</translation>
    </message>
    <message>
        <source>score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>masked</source>
        <translation>已屏蔽</translation>
    </message>
    <message>
        <source>sample</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>%1 (log)</source>
        <translation>%1（对数）</translation>
    </message>
    <message>
        <source>%1 ÷ row max</source>
        <translation>%1 ÷ 行最大值</translation>
    </message>
    <message>
        <source>%1 (per row)</source>
        <translation>%1（逐行）</translation>
    </message>
</context>
<context>
    <name>ui::HeatmapView</name>
    <message>
        <source>Find a Token</source>
        <translation>查找词元</translation>
    </message>
    <message>
        <source>Find a query or key token containing:</source>
        <translation>查找包含以下文字的查询或键词元：</translation>
    </message>
    <message>
        <source>No query or key token contains “%1”.</source>
        <translation>没有查询或键词元包含“%1”。</translation>
    </message>
    <message>
        <source>score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>&lt;i&gt;masked&lt;/i&gt;: the weight is exactly 0</source>
        <translation>&lt;i&gt;已屏蔽&lt;/i&gt;：权重恰好为 0</translation>
    </message>
    <message>
        <source>not masked</source>
        <translation>未屏蔽</translation>
    </message>
    <message>
        <source>all keys of this query are masked: weights and context are 0</source>
        <translation>该查询的所有键都被屏蔽：权重和上下文均为 0</translation>
    </message>
    <message>
        <source>click to unmask</source>
        <translation>点击取消屏蔽</translation>
    </message>
    <message>
        <source>click to mask</source>
        <translation>点击屏蔽</translation>
    </message>
</context>
<context>
    <name>ui::HelpMenu</name>
    <message>
        <source>&amp;User Guide</source>
        <translation>用户指南(&amp;U)</translation>
    </message>
    <message>
        <source>How to use the playground and the translation window</source>
        <translation>如何使用实验场和翻译窗口</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Every keyboard shortcut of the open windows</source>
        <translation>所有已打开窗口的全部键盘快捷键</translation>
    </message>
    <message>
        <source>&amp;About Attention Playground</source>
        <translation>关于注意力实验场(&amp;A)</translation>
    </message>
</context>
<context>
    <name>ui::KeyPaddingHeader</name>
    <message>
        <source>Key padding: a ticked key is masked for every query (as padding tokens of a batch are).</source>
        <translation>键填充：勾选的键对所有查询都被屏蔽（就像批处理中的填充词元）。</translation>
    </message>
</context>
<context>
    <name>ui::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>The language of the interface and of the words drawn in exported pictures</source>
        <translation>界面以及导出图片中所绘文字的语言</translation>
    </message>
    <message>
        <source>&amp;System (%1)</source>
        <translation>跟随系统(&amp;S)（%1）</translation>
    </message>
    <message>
        <source>Follow the language of the desktop session</source>
        <translation>跟随桌面会话的语言</translation>
    </message>
</context>
<context>
    <name>ui::LearningCurves</name>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>test loss</source>
        <translation>测试损失</translation>
    </message>
    <message>
        <source>Test accuracy and the cross-entropy on the training batches and on the test samples</source>
        <translation>测试准确率，以及训练批次和测试样本上的交叉熵</translation>
    </message>
</context>
<context>
    <name>ui::LearningTools</name>
    <message>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>How the selected weight is computed, step by step</source>
        <translation>所选权重如何一步步计算出来</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Compare Two Settings…</source>
        <translation>对比两种设置(&amp;C)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+D</source>
        <translation>Ctrl+Shift+D</translation>
    </message>
    <message>
        <source>Open the scene twice, side by side, with independent controls and their difference</source>
        <translation>并排打开场景的两个副本，各自独立设置，并显示它们的差异</translation>
    </message>
    <message>
        <source>The scene has no result yet.</source>
        <translation>场景还没有计算结果。</translation>
    </message>
    <message>
        <source>“%1” → “%2”, head %3</source>
        <translation>“%1” → “%2”，头 %3</translation>
    </message>
    <message>
        <source>“%1” → “%2”</source>
        <translation>“%1” → “%2”</translation>
    </message>
    <message>
        <source>sampled frequency (N = %1)</source>
        <translation>采样频率（N = %1）</translation>
    </message>
    <message>
        <source>softmax probability</source>
        <translation>softmax 概率</translation>
    </message>
    <message>
        <source>“%1” → “%2”, head %3 (the heatmap shows the mean of the heads; these steps explain head %3)</source>
        <translation>“%1” → “%2”，头 %3（热力图显示各头的平均；这些步骤解释的是头 %3）</translation>
    </message>
</context>
<context>
    <name>ui::Lessons</name>
    <message>
        <source>1. The four steps of attention</source>
        <translation>1. 注意力的四个步骤</translation>
    </message>
    <message>
        <source>Make “a” attend most to “étudiant”.</source>
        <translation>让“a”最关注“étudiant”。</translation>
    </message>
    <message>
        <source>2. Soft, hard and sampled</source>
        <translation>2. 软注意力、硬注意力与采样</translation>
    </message>
    <message>
        <source>Sample with at least 1000 draws: the frequencies of “a” come within 0.03 of softmax.</source>
        <translation>用至少 1000 次抽样：“a”的频率与 softmax 相差不超过 0.03。</translation>
    </message>
    <message>
        <source>3. Five scoring functions</source>
        <translation>3. 五种打分函数</translation>
    </message>
    <message>
        <source>Find a scoring function under which the largest weight of “I” is below 0.6.</source>
        <translation>找到一种打分函数，使“I”的最大权重低于 0.6。</translation>
    </message>
    <message>
        <source>4. Self-attention with projections</source>
        <translation>4. 带投影的自注意力</translation>
    </message>
    <message>
        <source>Edit the inputs so that “sat” attends most to “cat”.</source>
        <translation>编辑输入，使“sat”最关注“cat”。</translation>
    </message>
    <message>
        <source>5. Why divide by √d</source>
        <translation>5. 为什么要除以 √d</translation>
    </message>
    <message>
        <source>With d ≥ 256 and dot scoring, see the rows&apos; largest weights average above 0.9.</source>
        <translation>在 d ≥ 256 且使用点积打分时，观察各行最大权重的平均值超过 0.9。</translation>
    </message>
    <message>
        <source>6. Padding and causal masks</source>
        <translation>6. 填充掩码与因果掩码</translation>
    </message>
    <message>
        <source>Pad both “&lt;pad&gt;” keys and turn on the causal mask.</source>
        <translation>把两个“&lt;pad&gt;”键都设为填充，并打开因果掩码。</translation>
    </message>
    <message>
        <source>7. Splitting into heads</source>
        <translation>7. 拆分为多个头</translation>
    </message>
    <message>
        <source>Use two or more heads so that two heads disagree on a query&apos;s top key.</source>
        <translation>使用两个或更多的头，使两个头对某个查询最关注的键意见不同。</translation>
    </message>
</context>
<context>
    <name>ui::LessonsPanel</name>
    <message>
        <source>Choose a lesson…</source>
        <translation>选择一节课…</translation>
    </message>
    <message>
        <source>Each lesson loads its own scene; the scene open now is replaced.</source>
        <translation>每节课都会载入自己的场景，并替换当前打开的场景。</translation>
    </message>
    <message>
        <source>The width d of the random queries and keys: 2, 4, 8, … 1024</source>
        <translation>随机查询和键的宽度 d：2、4、8 … 1024</translation>
    </message>
    <message>
        <source>Seven short lessons walk through attention step by step. Choose one above.</source>
        <translation>七节短课带你一步步了解注意力。请在上方选择一节。</translation>
    </message>
    <message>
        <source>The lesson&apos;s scene does not read: %1</source>
        <translation>无法读取本课的场景：%1</translation>
    </message>
    <message>
        <source>d = %1: the rows&apos; largest weight averages %2 with dot and %3 with scaled dot.</source>
        <translation>d = %1：各行最大权重的平均值，点积为 %2，缩放点积为 %3。</translation>
    </message>
    <message>
        <source>✔ Done: %1</source>
        <translation>✔ 完成：%1</translation>
    </message>
    <message>
        <source>Try this: %1</source>
        <translation>试一试：%1</translation>
    </message>
</context>
<context>
    <name>ui::MainWindow</name>
    <message>
        <source>&amp;Discard</source>
        <translation>放弃(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>Attention Playground was not closed normally. An untitled scene with unsaved changes, last copied at %1, was recovered. Restore it?</source>
        <translation>Attention Playground 上次未正常关闭。已找回一个有未保存更改的未命名场景（最后复制于 %1）。要恢复它吗？</translation>
    </message>
    <message>
        <source>Attention Playground was not closed normally. Unsaved changes to %1, last copied at %2, were recovered. Restore them?</source>
        <translation>Attention Playground 上次未正常关闭。已找回 %1 的未保存更改（最后复制于 %2）。要恢复这些更改吗？</translation>
    </message>
    <message>
        <source>Delete the recovered copy for good</source>
        <translation>永久删除找回的副本</translation>
    </message>
    <message>
        <source>Open the recovered scene as an unsaved scene</source>
        <translation>将找回的场景作为未保存的场景打开</translation>
    </message>
    <message>
        <source>Opening was cancelled; the open scene is unchanged</source>
        <translation>已取消打开；当前场景保持不变</translation>
    </message>
    <message>
        <source>Recover Unsaved Scene</source>
        <translation>找回未保存的场景</translation>
    </message>
    <message>
        <source>Stop opening the file and keep the open scene (Esc)</source>
        <translation>停止打开文件并保留当前场景（Esc）</translation>
    </message>
    <message>
        <source>The recovery copy could not be written: %1</source>
        <translation>无法写入恢复副本：%1</translation>
    </message>
    <message>
        <source>The scene file is read on a worker thread; the window stays usable</source>
        <translation>场景文件在工作线程上读取；窗口仍可使用</translation>
    </message>
    <message>
        <source>The engine is computing on its worker thread</source>
        <translation>计算引擎正在工作线程上计算</translation>
    </message>
    <message>
        <source>Attention weights: one row per query, one column per key. Click a row to see its weights as bars; in mask edit mode (M) a click masks or unmasks the cell.</source>
        <translation>注意力权重：每个查询一行，每个键一列。点击一行可用柱状图查看其权重；在掩码编辑模式（M）下，点击会屏蔽或取消屏蔽该单元格。</translation>
    </message>
    <message>
        <source>Every head and their mean; click one to show it in the main heatmap</source>
        <translation>所有头及其平均；点击其中一个即可在主热力图中显示</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Queries Q (Lq × d): one row per query token</source>
        <translation>查询 Q（Lq × d）：每个查询词元一行</translation>
    </message>
    <message>
        <source>Keys K (Lk × d): one row per key token; tick a key to pad it</source>
        <translation>键 K（Lk × d）：每个键词元一行；勾选一个键即可将其填充</translation>
    </message>
    <message>
        <source>Values V (Lk × dv): what the weights average</source>
        <translation>值 V（Lk × dv）：权重对其加权平均</translation>
    </message>
    <message>
        <source>Scoring parameters</source>
        <translation>打分参数</translation>
    </message>
    <message>
        <source>W of general scoring; Wq, Wk and v of additive scoring, per head</source>
        <translation>每个头的一般打分参数 W，以及加性打分参数 Wq、Wk 和 v</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Weights of the selected query</source>
        <translation>所选查询的权重</translation>
    </message>
    <message>
        <source>Output (context)</source>
        <translation>输出（上下文）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>Start again from the built-in example</source>
        <translation>从内置示例重新开始</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>E&amp;xamples</source>
        <translation>示例(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Export Image…</source>
        <translation>导出图片(&amp;E)…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;Copy Image</source>
        <translation>复制图片(&amp;C)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>Export &amp;Weights as CSV…</source>
        <translation>将权重导出为 CSV(&amp;W)…</translation>
    </message>
    <message>
        <source>Export O&amp;utput as CSV…</source>
        <translation>将输出导出为 CSV(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Mask Edit Mode</source>
        <translation>掩码编辑模式(&amp;M)</translation>
    </message>
    <message>
        <source>M</source>
        <translation>M</translation>
    </message>
    <message>
        <source>Clicking a heatmap cell masks or unmasks it</source>
        <translation>点击热力图单元格即可屏蔽或取消屏蔽</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Show Raw &amp;Scores</source>
        <translation>显示原始分数(&amp;S)</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>Show &amp;Numbers in Cells</source>
        <translation>在单元格中显示数值(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Colours</source>
        <translation>颜色(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Translation</source>
        <translation>翻译(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Train on Sentence Pairs…</source>
        <translation>在句对上训练(&amp;T)…</translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Je suis étudiant → I am a student (built in)</source>
        <translation>Je suis étudiant → I am a student（内置）</translation>
    </message>
    <message>
        <source>Mask edit mode: click a cell to mask or unmask it (M to leave)</source>
        <translation>掩码编辑模式：点击单元格屏蔽或取消屏蔽（按 M 退出）</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>The scene has unsaved changes. Save them first?</source>
        <translation>场景有未保存的修改。要先保存吗？</translation>
    </message>
    <message>
        <source>The scene is not valid: %1</source>
        <translation>场景无效：%1</translation>
    </message>
    <message>
        <source>Open Scene</source>
        <translation>打开场景</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Save Scene</source>
        <translation>保存场景</translation>
    </message>
    <message>
        <source>Scenes (*.json)</source>
        <translation>场景 (*.json)</translation>
    </message>
    <message>
        <source>%1: nothing has been computed yet</source>
        <translation>%1：尚未计算任何结果</translation>
    </message>
    <message>
        <source>Export Image</source>
        <translation>导出图片</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Heatmap copied to the clipboard</source>
        <translation>热力图已复制到剪贴板</translation>
    </message>
    <message>
        <source>Export Weights</source>
        <translation>导出权重</translation>
    </message>
    <message>
        <source>Export Output</source>
        <translation>导出输出</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>撤销“%1”(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>重做“%1”(&amp;R)</translation>
    </message>
    <message numerus="yes">
        <source>%1 queries × %2 keys · %n head(s)</source>
        <translation>
            <numerusform>%1 个查询 × %2 个键 · %n 个头</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 queries × %2 keys · %3 · %n fully masked row(s)</source>
        <translation>
            <numerusform>%1 个查询 × %2 个键 · %3 · %n 行被完全屏蔽</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n head(s)</source>
        <translation>
            <numerusform>%n 个头</numerusform>
        </translation>
    </message>
    <message>
        <source>Scenes and attention files (*.json *.npy *.npz *.safetensors);;All files (*)</source>
        <translation>场景和注意力文件 (*.json *.npy *.npz *.safetensors);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&amp;Generate Corpus…</source>
        <translation>生成语料(&amp;G)…</translation>
    </message>
    <message>
        <source>Write sentence pairs with gold alignments from a toy grammar and train on them</source>
        <translation>用玩具语法写出带标准对齐的句对，并在其上训练</translation>
    </message>
    <message>
        <source>Open &amp;Model…</source>
        <translation>打开模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>Open a Hugging Face checkpoint folder and watch its heads as you type</source>
        <translation>打开 Hugging Face 检查点文件夹，边输入边观察它的各个头</translation>
    </message>
    <message>
        <source>Click to pad this key (mask it for every query), click again to unpad it.</source>
        <translation>点击将此键设为填充（对所有查询掩码），再点一次取消填充。</translation>
    </message>
</context>
<context>
    <name>ui::MatrixEditor</name>
    <message>
        <source>Type a number, or change it with Ctrl+wheel or Alt+drag (steps of 0.05, with Shift 0.5).</source>
        <translation>输入数值，或用 Ctrl+滚轮、Alt+拖动修改（步长 0.05，按住 Shift 为 0.5）。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Add a key token after the current row</source>
        <translation>在当前行之后添加一个键词元</translation>
    </message>
    <message>
        <source>Add a query token after the current row</source>
        <translation>在当前行之后添加一个查询词元</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove the current token</source>
        <translation>删除当前词元</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move the current token up</source>
        <translation>将当前词元上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Move the current token down</source>
        <translation>将当前词元下移</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Rename the current token (or double-click its row header)</source>
        <translation>重命名当前词元（或双击其行标题）</translation>
    </message>
    <message>
        <source>dv</source>
        <translation>dv</translation>
    </message>
    <message>
        <source>d</source>
        <translation>d</translation>
    </message>
    <message>
        <source>Width dv of the values (new columns are zeros). Heads must divide it.</source>
        <translation>值的宽度 dv（新增列为零）。头数必须整除它。</translation>
    </message>
    <message>
        <source>Width d of the queries and keys, which change together (new columns are zeros). Heads must divide it.</source>
        <translation>查询和键的宽度 d，两者一起改变（新增列为零）。头数必须整除它。</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Fill with normal(0, 1) numbers drawn from the seed</source>
        <translation>用种子生成服从 normal(0, 1) 的随机数填充</translation>
    </message>
    <message>
        <source>seed </source>
        <translation>种子 </translation>
    </message>
    <message>
        <source>Seed of the random fill: the same seed gives the same numbers</source>
        <translation>随机填充的种子：相同的种子生成相同的数</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Paste a tab-separated block (as spreadsheets copy) at the current cell</source>
        <translation>在当前单元格粘贴以制表符分隔的数据块（电子表格复制的格式）</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>V is Q (self-attention): edit Q.</source>
        <translation>V 就是 Q（自注意力）：请编辑 Q。</translation>
    </message>
    <message>
        <source>V is K (K = V): edit K, or turn K = V off.</source>
        <translation>V 就是 K（K = V）：请编辑 K，或关闭 K = V。</translation>
    </message>
    <message>
        <source>K is Q (self-attention): edit Q.</source>
        <translation>K 就是 Q（自注意力）：请编辑 Q。</translation>
    </message>
    <message>
        <source>A matrix keeps at least one token.</source>
        <translation>矩阵至少要保留一个词元。</translation>
    </message>
    <message>
        <source>Rename Token</source>
        <translation>重命名词元</translation>
    </message>
    <message>
        <source>Token text:</source>
        <translation>词元文本：</translation>
    </message>
</context>
<context>
    <name>ui::MatrixModel</name>
    <message>
        <source>%1[%2][%3] = %4</source>
        <translation>%1[%2][%3] = %4</translation>
    </message>
    <message>
        <source>Dimension %1</source>
        <translation>维度 %1</translation>
    </message>
    <message>
        <source>Dimension %1 (head %2)</source>
        <translation>维度 %1（头 %2）</translation>
    </message>
    <message>
        <source>Query %1: “%2”</source>
        <translation>查询 %1：“%2”</translation>
    </message>
    <message>
        <source>Key %1: “%2” (padded: no query attends it)</source>
        <translation>键 %1：“%2”（已填充：没有查询关注它）</translation>
    </message>
    <message>
        <source>Key %1: “%2”</source>
        <translation>键 %1：“%2”</translation>
    </message>
</context>
<context>
    <name>ui::MessageBar</name>
    <message>
        <source>Dismiss this message (Esc)</source>
        <translation>关闭此消息（Esc）</translation>
    </message>
</context>
<context>
    <name>ui::ModelGridView</name>
    <message>
        <source>Click a tile to open it large.</source>
        <translation>点击图块以放大查看。</translation>
    </message>
    <message>
        <source>L%1</source>
        <translation>L%1</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>H%1</source>
        <translation>H%1</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>%1 · %2: click to open it large.</source>
        <translation>%1 · %2：点击放大查看。</translation>
    </message>
    <message>
        <source>With the heads switched off its weights moved from the run with every head on by up to %1 (the badge: largest |Δ weight|); Jensen–Shannon divergence of its rows, mean over the queries: %2 (0 the same, 1 disjoint).</source>
        <translation>关闭这些头后，它的权重与所有头开启时相比最多变化 %1（角标：最大 |Δ 权重|）；各行的 Jensen–Shannon 散度在查询上的平均值：%2（0 表示相同，1 表示不相交）。</translation>
    </message>
</context>
<context>
    <name>ui::ModelLoadBar</name>
    <message>
        <source>The model file is read on a worker thread; the window stays usable</source>
        <translation>模型文件在工作线程中读取；窗口仍可使用</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop loading the model and keep the one there is (Esc)</source>
        <translation>停止加载模型，保留现有模型（Esc）</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
</context>
<context>
    <name>ui::ModelViewWindow</name>
    <message>
        <source>Model view</source>
        <translation>模型视图</translation>
    </message>
    <message>
        <source>Mean of heads</source>
        <translation>各头的平均</translation>
    </message>
    <message>
        <source>Maximum of heads</source>
        <translation>各头的最大值</translation>
    </message>
    <message>
        <source>Minimum of heads</source>
        <translation>各头的最小值</translation>
    </message>
    <message>
        <source>How each layer&apos;s heads are fused before the rollout (Abnar &amp; Zuidema 2020).</source>
        <translation>注意力展开之前如何融合每层的各个头（Abnar 与 Zuidema，2020）。</translation>
    </message>
    <message>
        <source>Head fusion:</source>
        <translation>头融合：</translation>
    </message>
    <message>
        <source>Selected tile</source>
        <translation>所选图块</translation>
    </message>
    <message>
        <source>Rollout</source>
        <translation>注意力展开</translation>
    </message>
    <message>
        <source>Attention rollout: each layer&apos;s fused heads, 0.5·A + 0.5·I with rows renormalised, multiplied from the first layer to the last.</source>
        <translation>注意力展开：把每层融合后的头取 0.5·A + 0.5·I 并按行重新归一化，从第一层乘到最后一层。</translation>
    </message>
    <message>
        <source>Head statistics</source>
        <translation>头统计</translation>
    </message>
    <message>
        <source>Thumbnails %v of %m</source>
        <translation>缩略图 %v / %m</translation>
    </message>
    <message>
        <source>Thumbnails and statistics are built one head at a time.</source>
        <translation>缩略图和统计数据逐个头地生成。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop building thumbnails and statistics.</source>
        <translation>停止生成缩略图和统计数据。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Attention…</source>
        <translation>打开注意力文件(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a .npy, .npz, .safetensors or BertViz JSON attention file.</source>
        <translation>打开 .npy、.npz、.safetensors 或 BertViz JSON 注意力文件。</translation>
    </message>
    <message>
        <source>&amp;Export View…</source>
        <translation>导出视图(&amp;E)…</translation>
    </message>
    <message>
        <source>Save the view on top as PNG, SVG, PDF or CSV.</source>
        <translation>将最上方的视图保存为 PNG、SVG、PDF 或 CSV。</translation>
    </message>
    <message>
        <source>Export &amp;Statistics…</source>
        <translation>导出统计(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the head statistics as CSV.</source>
        <translation>将头统计保存为 CSV。</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>%1 — Model view</source>
        <translation>%1 — 模型视图</translation>
    </message>
    <message>
        <source>%1: %2 layers × %3 heads, %4 queries × %5 keys, %6</source>
        <translation>%1：%2 层 × %3 个头，%4 个查询 × %5 个键，%6</translation>
    </message>
    <message>
        <source>Rollout needs as many queries as keys.</source>
        <translation>注意力展开要求查询与键的数量相同。</translation>
    </message>
    <message>
        <source>%1: there is no view to export yet.</source>
        <translation>%1：还没有可以导出的视图。</translation>
    </message>
    <message>
        <source>%1: unknown file type (use .png, .svg, .pdf or .csv).</source>
        <translation>%1：未知的文件类型（请使用 .png、.svg、.pdf 或 .csv）。</translation>
    </message>
    <message>
        <source>%1: the statistics are not ready yet.</source>
        <translation>%1：统计数据尚未就绪。</translation>
    </message>
    <message>
        <source>Open Attention</source>
        <translation>打开注意力文件</translation>
    </message>
    <message>
        <source>Attention files (*.npy *.npz *.safetensors *.json);;All files (*)</source>
        <translation>注意力文件 (*.npy *.npz *.safetensors *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export View</source>
        <translation>导出视图</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf);;CSV table (*.csv)</source>
        <translation>PNG 图片 (*.png);;SVG 图片 (*.svg);;PDF 文档 (*.pdf);;CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Export Statistics</source>
        <translation>导出统计</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Computing the rollout…</source>
        <translation>正在计算注意力展开（rollout）…</translation>
    </message>
    <message>
        <source>%1 could not be opened</source>
        <translation>无法打开 %1</translation>
    </message>
    <message>
        <source>%1 · thumbnails stopped after %2 of %3 heads; the statistics need every head</source>
        <translation>%1 · 缩略图在 %3 个头中的 %2 个后停止；统计数据需要所有头</translation>
    </message>
    <message>
        <source>Open an attention file (Ctrl+O); the head chosen in the grid appears here.</source>
        <translation>打开一个注意力文件（Ctrl+O）；在网格中选中的头会显示在这里。</translation>
    </message>
    <message>
        <source>The head chosen in the grid appears here once the model has run.</source>
        <translation>模型运行后，在网格中选中的头会显示在这里。</translation>
    </message>
    <message>
        <source>The rollout through every layer appears here.</source>
        <translation>经过所有层的注意力展开会显示在这里。</translation>
    </message>
</context>
<context>
    <name>ui::ModelWindow</name>
    <message>
        <source>%1 (%2 tokens, %3 ms)</source>
        <translation>%1（%2 个词元，%3 毫秒）</translation>
    </message>
    <message>
        <source>%1 — %2 — Model</source>
        <translation>%1 — %2 — 模型</translation>
    </message>
    <message>
        <source>%1 — Model</source>
        <translation>%1 — 模型</translation>
    </message>
    <message numerus="yes">
        <source>%n head(s) off; the weights that moved most: layer %1, head %2 (by %3)</source>
        <translation>
            <numerusform>已关闭 %n 个头；变化最大的权重：第 %1 层，头 %2（变化 %3）</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>A click on a head switches it off or on (Ctrl+click does it at any time).</source>
        <translation>单击一个头即可关闭或重新打开它（任何时候都可以用 Ctrl+单击）。</translation>
    </message>
    <message>
        <source>BertViz&apos;s head view: the chosen layer&apos;s heads as lines between the tokens, their opacity the weight.</source>
        <translation>BertViz 式的头视图：所选层的各个头画成词元之间的连线，线的不透明度即权重。</translation>
    </message>
    <message>
        <source>Choose one head in the grid first.</source>
        <translation>请先在网格中选择一个头。</translation>
    </message>
    <message>
        <source>Export &amp;Head View…</source>
        <translation>导出头视图(&amp;H)…</translation>
    </message>
    <message>
        <source>Export Head View</source>
        <translation>导出头视图</translation>
    </message>
    <message>
        <source>Head view</source>
        <translation>头视图</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Open &amp;Model…</source>
        <translation>打开模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Open Head in &amp;Playground</source>
        <translation>在实验场中打开头(&amp;P)</translation>
    </message>
    <message>
        <source>Open Head in Playground</source>
        <translation>在实验场中打开头</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>Open a Hugging Face checkpoint folder (config.json, safetensors weights, tokenizer).</source>
        <translation>打开 Hugging Face 检查点文件夹（config.json、safetensors 权重、分词器）。</translation>
    </message>
    <message>
        <source>Open the chosen head as a playground scene: its queries, keys and values for this text.</source>
        <translation>把所选的头作为实验场场景打开：包含它对这段文本的查询、键和值。</translation>
    </message>
    <message>
        <source>Opening the model was cancelled.</source>
        <translation>已取消打开模型。</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 图像 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Predictions</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Switch &amp;All Heads On</source>
        <translation>打开所有头(&amp;A)</translation>
    </message>
    <message>
        <source>Switch Head Off</source>
        <translation>关闭此头</translation>
    </message>
    <message>
        <source>Switch Head On</source>
        <translation>打开此头</translation>
    </message>
    <message>
        <source>Switch Heads Off by &amp;Clicking</source>
        <translation>单击关闭头(&amp;C)</translation>
    </message>
    <message>
        <source>The capital of France is [MASK].</source>
        <translation>法国的首都是[MASK]。</translation>
    </message>
    <message>
        <source>The quick brown fox jumps over the lazy dog</source>
        <translation>敏捷的棕色狐狸跳过了那只懒狗</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>What switching heads off did to the chosen head: its weights with the heads off minus with every head on.</source>
        <translation>关闭头对所选头的影响：关闭头后的权重减去所有头开启时的权重。</translation>
    </message>
    <message>
        <source>Opening the model was cancelled; %1 stays open.</source>
        <translation>已取消打开模型；%1 仍然打开。</translation>
    </message>
</context>
<context>
    <name>ui::ModelWorker</name>
    <message>
        <source>%1 · layer %2 · head %3</source>
        <translation>%1 · 第 %2 层 · 头 %3</translation>
    </message>
    <message>
        <source>The text gives no tokens.</source>
        <translation>这段文本没有产生任何词元。</translation>
    </message>
    <message>
        <source>The text is %1 tokens long; %2 takes at most %3.</source>
        <translation>这段文本有 %1 个词元；%2 最多接受 %3 个。</translation>
    </message>
    <message>
        <source>%1 is not a checkpoint folder: it has no config.json.</source>
        <translation>%1 不是检查点文件夹：其中没有 config.json。</translation>
    </message>
</context>
<context>
    <name>ui::OpeningIndicator</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
</context>
<context>
    <name>ui::OutputModel</name>
    <message>
        <source>all keys masked: weights and context are 0</source>
        <translation>所有键都被屏蔽：权重和上下文均为 0</translation>
    </message>
    <message>
        <source>output column %1: the contexts Σⱼ wᵢⱼ vⱼ of the heads side by side (then · W_o where the scene has it)</source>
        <translation>输出第 %1 列：各头的上下文 Σⱼ wᵢⱼ vⱼ 并排拼接（场景含 W_o 时再乘以 W_o）</translation>
    </message>
</context>
<context>
    <name>ui::OutputView</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>ui::PairListModel</name>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>[held out] %1</source>
        <translation>[留出] %1</translation>
    </message>
    <message>
        <source>%1, line %2 · gold alignment %3</source>
        <translation>%1，第 %2 行 · 标准对齐 %3</translation>
    </message>
    <message>
        <source>%1, line %2 · no gold alignment</source>
        <translation>%1，第 %2 行 · 无标准对齐</translation>
    </message>
    <message>
        <source>Held out: not trained on, only evaluated</source>
        <translation>留出：不参与训练，只用于评估</translation>
    </message>
    <message>
        <source>Training pair</source>
        <translation>训练句对</translation>
    </message>
</context>
<context>
    <name>ui::PredictionsView</name>
    <message>
        <source>%1 % with every head on</source>
        <translation>所有头都打开时为 %1 %</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Next token after “%1” (token %2):</source>
        <translation>“%1”（词元 %2）之后的下一个词元：</translation>
    </message>
    <message>
        <source>Predictions for the [MASK] at token %1:</source>
        <translation>对词元 %1 处 [MASK] 的预测：</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>The next token&apos;s ten most probable values.</source>
        <translation>下一个词元最可能的十个取值。</translation>
    </message>
    <message>
        <source>This checkpoint has no output head, so it gives no predictions.</source>
        <translation>此检查点没有输出头，因此不给出预测。</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Token id %1</source>
        <translation>词元编号 %1</translation>
    </message>
    <message>
        <source>Type [MASK] in the text to see what the model predicts there.</source>
        <translation>在文本中输入 [MASK]，即可看到模型在那里的预测。</translation>
    </message>
    <message>
        <source>With heads switched off: the probability minus the one with every head on, in percentage points.</source>
        <translation>关闭某些头后：概率减去所有头都打开时的概率，单位为百分点。</translation>
    </message>
</context>
<context>
    <name>ui::SceneDocument</name>
    <message>
        <source>Edit %1[%2][%3]</source>
        <translation>编辑 %1[%2][%3]</translation>
    </message>
    <message>
        <source>Edit %1[%2] of head %3</source>
        <translation>编辑头 %3 的 %1[%2]</translation>
    </message>
    <message>
        <source>Edit %1[%2][%3] of head %4</source>
        <translation>编辑头 %4 的 %1[%2][%3]</translation>
    </message>
    <message>
        <source>%1 is not possible: %2</source>
        <translation>无法%1：%2</translation>
    </message>
    <message>
        <source>Add query token</source>
        <translation>添加查询词元</translation>
    </message>
    <message>
        <source>Add key token</source>
        <translation>添加键词元</translation>
    </message>
    <message>
        <source>Remove query token “%1”</source>
        <translation>删除查询词元“%1”</translation>
    </message>
    <message>
        <source>Remove key token “%1”</source>
        <translation>删除键词元“%1”</translation>
    </message>
    <message>
        <source>Move query token “%1”</source>
        <translation>移动查询词元“%1”</translation>
    </message>
    <message>
        <source>Move key token “%1”</source>
        <translation>移动键词元“%1”</translation>
    </message>
    <message>
        <source>Rename query token “%1” to “%2”</source>
        <translation>将查询词元“%1”重命名为“%2”</translation>
    </message>
    <message>
        <source>Rename key token “%1” to “%2”</source>
        <translation>将键词元“%1”重命名为“%2”</translation>
    </message>
    <message>
        <source>%1 shows another matrix here; its width follows that one.</source>
        <translation>%1 在此显示的是另一个矩阵；它的宽度随那个矩阵而定。</translation>
    </message>
    <message>
        <source>Change width dv to %1</source>
        <translation>将宽度 dv 改为 %1</translation>
    </message>
    <message>
        <source>Change width d to %1</source>
        <translation>将宽度 d 改为 %1</translation>
    </message>
    <message>
        <source>Fill %1 with random numbers (seed %2)</source>
        <translation>用随机数填充 %1（种子 %2）</translation>
    </message>
    <message>
        <source>%1 shows another matrix here and cannot be pasted into.</source>
        <translation>%1 在此显示的是另一个矩阵，无法粘贴到其中。</translation>
    </message>
    <message>
        <source>Choose a cell of %1 to paste into.</source>
        <translation>请选择 %1 中要粘贴到的单元格。</translation>
    </message>
    <message>
        <source>The block is %1 columns wide, but from column %2 only %3 fit in %4. Widen %4 first.</source>
        <translation>数据块有 %1 列宽，但从第 %2 列起 %4 只能容纳 %3 列。请先加宽 %4。</translation>
    </message>
    <message>
        <source>The block would give %1 more than %2 tokens.</source>
        <translation>该数据块会使 %1 超过 %2 个词元。</translation>
    </message>
    <message>
        <source>Paste into %1</source>
        <translation>粘贴到 %1</translation>
    </message>
    <message>
        <source>Change title</source>
        <translation>修改标题</translation>
    </message>
    <message>
        <source>Change scoring to %1</source>
        <translation>将打分方式改为%1</translation>
    </message>
    <message>
        <source>Change normalization to %1</source>
        <translation>将归一化方式改为 %1</translation>
    </message>
    <message>
        <source>Change temperature to %1</source>
        <translation>将温度改为 %1</translation>
    </message>
    <message>
        <source>Change k to %1</source>
        <translation>将 k 改为 %1</translation>
    </message>
    <message>
        <source>%1 heads do not divide d = %2 and dv = %3.</source>
        <translation>%1 个头不能整除 d = %2 和 dv = %3。</translation>
    </message>
    <message>
        <source>Change heads to %1</source>
        <translation>将头数改为 %1</translation>
    </message>
    <message>
        <source>Turn causal mask on</source>
        <translation>开启因果掩码</translation>
    </message>
    <message>
        <source>Turn causal mask off</source>
        <translation>关闭因果掩码</translation>
    </message>
    <message>
        <source>Pad key “%1”</source>
        <translation>填充键“%1”</translation>
    </message>
    <message>
        <source>Unpad key “%1”</source>
        <translation>取消填充键“%1”</translation>
    </message>
    <message>
        <source>Mask cell (%1, %2)</source>
        <translation>屏蔽单元格 (%1, %2)</translation>
    </message>
    <message>
        <source>Unmask cell (%1, %2)</source>
        <translation>取消屏蔽单元格 (%1, %2)</translation>
    </message>
    <message>
        <source>Clear masked cells</source>
        <translation>清除被屏蔽的单元格</translation>
    </message>
    <message>
        <source>Set masked cells</source>
        <translation>设置被屏蔽的单元格</translation>
    </message>
    <message>
        <source>Set head parameters</source>
        <translation>设置头参数</translation>
    </message>
    <message>
        <source>Set parameters of head %1</source>
        <translation>设置头 %1 的参数</translation>
    </message>
    <message>
        <source>Reset head parameters to identity</source>
        <translation>将头参数重置为单位矩阵</translation>
    </message>
    <message>
        <source>Reset head %1 to identity</source>
        <translation>将头 %1 重置为单位矩阵</translation>
    </message>
    <message>
        <source>Randomize head parameters (seed %1)</source>
        <translation>随机化头参数（种子 %1）</translation>
    </message>
    <message>
        <source>Randomize head %1 (seed %2)</source>
        <translation>随机化头 %1（种子 %2）</translation>
    </message>
    <message>
        <source>Turn self-attention on</source>
        <translation>开启自注意力</translation>
    </message>
    <message>
        <source>Turn self-attention off</source>
        <translation>关闭自注意力</translation>
    </message>
    <message>
        <source>Turn K = V on</source>
        <translation>开启 K = V</translation>
    </message>
    <message>
        <source>Turn K = V off</source>
        <translation>关闭 K = V</translation>
    </message>
    <message>
        <source>Change samples to %1</source>
        <translation>将采样数改为 %1</translation>
    </message>
    <message>
        <source>Change seed to %1</source>
        <translation>将种子改为 %1</translation>
    </message>
</context>
<context>
    <name>ui::SceneFile</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>ui::SceneTitles</name>
    <message>
        <source>Je suis étudiant</source>
        <translation>Je suis étudiant（我是学生）</translation>
    </message>
    <message>
        <source>Causal self-attention</source>
        <translation>因果自注意力</translation>
    </message>
    <message>
        <source>Two heads: same word vs previous word</source>
        <translation>两个头：同一个词与前一个词</translation>
    </message>
    <message>
        <source>Padded batch row: &lt;pad&gt; keys masked</source>
        <translation>填充的批次行：&lt;pad&gt; 键被掩码</translation>
    </message>
    <message>
        <source>打 电脑 游戏 → play computer game</source>
        <translation>打 电脑 游戏 → 玩电脑游戏</translation>
    </message>
    <message>
        <source>Lesson 1: the four steps of attention</source>
        <translation>第 1 课：注意力的四个步骤</translation>
    </message>
    <message>
        <source>Lesson 2: soft, hard and sampled attention</source>
        <translation>第 2 课：软注意力、硬注意力与采样注意力</translation>
    </message>
    <message>
        <source>Lesson 3: five scoring functions</source>
        <translation>第 3 课：五种打分函数</translation>
    </message>
    <message>
        <source>Lesson 4: self-attention with projections</source>
        <translation>第 4 课：带投影的自注意力</translation>
    </message>
    <message>
        <source>Lesson 5: why divide by √d</source>
        <translation>第 5 课：为什么要除以 √d</translation>
    </message>
    <message>
        <source>Lesson 6: padding and causal masks</source>
        <translation>第 6 课：填充掩码与因果掩码</translation>
    </message>
    <message>
        <source>Lesson 7: splitting into heads</source>
        <translation>第 7 课：拆分为多个头</translation>
    </message>
</context>
<context>
    <name>ui::SentenceInput</name>
    <message>
        <source>Type a sentence; every head follows as you type</source>
        <translation>输入一句话，每个头都会随输入而更新</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>单词</translation>
    </message>
    <message>
        <source>Gather sub-word tokens into words: a word&apos;s attention to another is the sum over the other word&apos;s tokens, averaged over its own tokens.</source>
        <translation>把子词词元合并为单词：一个单词对另一个单词的注意力，是对另一个单词的各词元求和，再对本单词的各词元取平均。</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>文本：</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>Words: a word attends to another with the sum of the weights on that word&apos;s tokens, averaged over its own tokens.</source>
        <translation>单词：一个单词对另一个单词的注意力，是落在那个单词各词元上的权重之和，再对本单词的各词元取平均。</translation>
    </message>
    <message>
        <source>Tokens as the model sees them; %1 marks a piece that continues the word before it.</source>
        <translation>模型所见的词元；%1 标记接续前一个单词的子词片段。</translation>
    </message>
</context>
<context>
    <name>ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>In the tables, Ctrl+wheel or Alt+drag on a cell changes its value (Shift for larger steps). Shift+F1 then a click explains any control.</source>
        <translation>在表格中，对单元格使用 Ctrl+滚轮或 Alt+拖动可以修改其数值（按住 Shift 步长更大）。按 Shift+F1 再点击任意控件可查看其说明。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 (in the table with the focus)</source>
        <translation>%1（在有焦点的表格中）</translation>
    </message>
    <message>
        <source>Heatmap: find a token</source>
        <translation>热力图：查找词元</translation>
    </message>
    <message>
        <source>Heatmap: zoom in</source>
        <translation>热力图：放大</translation>
    </message>
    <message>
        <source>Heatmap: zoom out</source>
        <translation>热力图：缩小</translation>
    </message>
    <message>
        <source>Heatmap: fit to the view</source>
        <translation>热力图：适应视图</translation>
    </message>
    <message>
        <source>Heatmap: zoom to the selected cells</source>
        <translation>热力图：缩放到所选单元格</translation>
    </message>
</context>
<context>
    <name>ui::SpatialGridView</name>
    <message>
        <source>Test digits: each input with the region the transformer samples (orange, its top edge thicker) and the digit&apos;s true box (dashed blue), then what the classifier sees; below, the label, the transformer network&apos;s and the baseline&apos;s predictions and the applied and learned rotations</source>
        <translation>测试数字：每个输入上画出变换器采样的区域（橙色，上边较粗）和数字的真实框（蓝色虚线），右侧是分类器看到的图像；下方是标签、变换器网络和基线的预测，以及施加的与学到的旋转角度</translation>
    </message>
    <message>
        <source>Input with the sampled region and the digit&apos;s box | what the classifier sees</source>
        <translation>输入、采样区域与数字框 | 分类器看到的图像</translation>
    </message>
    <message>
        <source>Train to see where the transformer looks.</source>
        <translation>训练后即可看到变换器看向哪里。</translation>
    </message>
    <message>
        <source>%1 → %2 (baseline %3)</source>
        <translation>%1 → %2（基线 %3）</translation>
    </message>
    <message>
        <source>turned %1°, learned %2°</source>
        <translation>旋转 %1°，学到 %2°</translation>
    </message>
</context>
<context>
    <name>ui::SpatialWindow</name>
    <message>
        <source>Spatial attention</source>
        <translation>空间注意力</translation>
    </message>
    <message>
        <source>All of them</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Rotation (up to ±60°)</source>
        <translation>旋转（最多 ±60°）</translation>
    </message>
    <message>
        <source>Translation</source>
        <translation>平移</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>Clutter</source>
        <translation>杂乱笔画</translation>
    </message>
    <message>
        <source>What distorts the digits; every digit also gets a little noise</source>
        <translation>数字的扭曲方式；每个数字还会加上少量噪声</translation>
    </message>
    <message>
        <source>Training digits, drawn afresh from the seed</source>
        <translation>训练数字，由种子重新生成</translation>
    </message>
    <message>
        <source>Fresh digits for the accuracy, the boxes and the angles</source>
        <translation>用于准确率、框和角度的新数字</translation>
    </message>
    <message>
        <source>Passes over the training digits</source>
        <translation>遍历训练数字的次数</translation>
    </message>
    <message>
        <source>Digits per Adam step</source>
        <translation>每个 Adam 步的数字数</translation>
    </message>
    <message>
        <source>Adam&apos;s learning rate of the classifiers</source>
        <translation>分类器的 Adam 学习率</translation>
    </message>
    <message>
        <source>The localisation network learns at this fraction of the learning rate</source>
        <translation>定位网络以学习率的这一比例学习</translation>
    </message>
    <message>
        <source>Seed of the digits, the initial parameters and the order of the batches: the same seed gives the same run</source>
        <translation>数字、初始参数和批次顺序的种子：相同的种子给出相同的运行</translation>
    </message>
    <message>
        <source>Distortion:</source>
        <translation>扭曲：</translation>
    </message>
    <message>
        <source>Localisation rate:</source>
        <translation>定位学习率比例：</translation>
    </message>
    <message>
        <source>Export &amp;grid...</source>
        <translation>导出网格(&amp;G)...</translation>
    </message>
    <message>
        <source>Save the grid of digits and sampled regions as a PNG, SVG or PDF file</source>
        <translation>将数字与采样区域的网格保存为 PNG、SVG 或 PDF 文件</translation>
    </message>
    <message>
        <source>Save the shown digits&apos; labels, predictions, angles, overlaps and transforms as CSV</source>
        <translation>将所示数字的标签、预测、角度、重叠度和变换保存为 CSV</translation>
    </message>
    <message>
        <source>transformer accuracy</source>
        <translation>变换器网络准确率</translation>
    </message>
    <message>
        <source>baseline accuracy</source>
        <translation>基线准确率</translation>
    </message>
    <message>
        <source>Epoch %1, batch %2 of %3: test accuracy %4 (baseline %5), box IoU %6, angle correlation %7.</source>
        <translation>第 %1 轮，第 %2/%3 批：测试准确率 %4（基线 %5），框 IoU %6，角度相关系数 %7。</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <source>How strongly a smaller sampled region is preferred, from the second epoch: the default suits all distortions at once; with one distortion alone the digits are easy and a smaller value (0.5) keeps the whole digit in the region</source>
        <translation>从第二轮起，对较小采样区域的偏好强度：默认值适合同时施加所有畸变；只有一种畸变时数字较容易，较小的值（0.5）能让整个数字留在区域内</translation>
    </message>
    <message>
        <source>Zoom penalty:</source>
        <translation>缩放惩罚：</translation>
    </message>
</context>
<context>
    <name>ui::StepFormula</name>
    <message>
        <source>%1[%2, columns %3–%4], query %5 &quot;%6&quot;</source>
        <extracomment>%1 is &quot;q = Q&quot; or &quot;q = (Xq Wq)&quot;, %2 the row, %3–%4 the head&apos;s columns, %5 and %6 the query&apos;s index and token</extracomment>
        <translation>%1[%2, 第 %3–%4 列]，查询 %5 “%6”</translation>
    </message>
    <message>
        <source>%1[%2, columns %3–%4], key %5 &quot;%6&quot;</source>
        <extracomment>%1 is &quot;k = K&quot; or &quot;k = (Xk Wk)&quot;, %2 the row, %3–%4 the head&apos;s columns, %5 and %6 the key&apos;s index and token</extracomment>
        <translation>%1[%2, 第 %3–%4 列]，键 %5 “%6”</translation>
    </message>
    <message>
        <source>s = v·tanh(…), v = all ones = %1</source>
        <extracomment>additive scoring without a vector v: v is taken as all ones</extracomment>
        <translation>s = v·tanh(…)（v 取全 1 向量）= %1</translation>
    </message>
    <message>
        <source>s = 0 (a vector of length 0 has no direction)</source>
        <translation>s = 0（长度为 0 的向量没有方向）</translation>
    </message>
    <message>
        <source>not masked</source>
        <translation>未屏蔽</translation>
    </message>
    <message>
        <source>not masked (causal: key ≤ query)</source>
        <translation>未屏蔽（因果：键 ≤ 查询）</translation>
    </message>
    <message>
        <source>every key of this row is masked: all weights and the context are 0</source>
        <translation>这一行的每个键都被屏蔽：所有权重和上下文都为 0</translation>
    </message>
    <message>
        <source>m = max of the unmasked scores = %1</source>
        <translation>m = 未屏蔽分数中的最大值 = %1</translation>
    </message>
    <message>
        <source>the largest unmasked score is key %1 &quot;%2&quot; (s = %3); ties go to the lowest index; temperature does not move it</source>
        <extracomment>hard attention; %1 and %2 are the key&apos;s index and token, %3 its score</extracomment>
        <translation>未屏蔽分数中最大的是键 %1 “%2”（s = %3）；并列时取索引最小的键；温度不会改变它</translation>
    </message>
    <message>
        <source>w = 1 (the argmax)</source>
        <translation>w = 1（它是 argmax）</translation>
    </message>
    <message>
        <source>w = 0 (not the argmax)</source>
        <translation>w = 0（它不是 argmax）</translation>
    </message>
    <message>
        <source>w = c_j / N = %1 / %2 = %3 (expected p_j = %4)</source>
        <extracomment>sampled attention: %1 draws of this key out of %2, weight %3, softmax probability %4</extracomment>
        <translation>w = c_j / N = %1 / %2 = %3（期望值 p_j = %4）</translation>
    </message>
    <message numerus="yes">
        <source>k = %1 ≥ %n unmasked keys: plain softmax</source>
        <extracomment>top-k keeps every key: %1 is k, %n the number of unmasked keys</extracomment>
        <translation>
            <numerusform>k = %1 ≥ %n 个未屏蔽的键：即普通 softmax</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the %n largest unmasked scores (ties to the lowest index) {%1}</source>
        <extracomment>%1 lists the kept keys as &quot;index token&quot;</extracomment>
        <translation>
            <numerusform>最大的 %n 个未屏蔽分数（并列时取索引最小的键）{%1}</numerusform>
        </translation>
    </message>
    <message>
        <source>the k-th largest score = %1</source>
        <translation>第 k 大的分数 = %1</translation>
    </message>
    <message numerus="yes">
        <source>τ = (Σ of the %n largest z − 1) / %1 = %2</source>
        <extracomment>sparsemax threshold: %n keys in the support, %1 the same count as divisor, %2 the value of τ</extracomment>
        <translation>
            <numerusform>τ = (最大的 %n 个 z 之和 − 1) / %1 = %2</numerusform>
        </translation>
    </message>
    <message>
        <source>keys with z_l &gt; τ {%1}</source>
        <extracomment>%1 lists the keys as &quot;index token&quot;</extracomment>
        <translation>满足 z_l &gt; τ 的键 {%1}</translation>
    </message>
    <message numerus="yes">
        <source>%n draws of a key from p, generator SplitMix64 seeded by (seed %1, head %2, row %3); the first ones</source>
        <extracomment>sampled attention; %1 is the seed, %2 the head and %3 the row (from 0), as the generator is seeded</extracomment>
        <translation>
            <numerusform>按 p 抽取键 %n 次，生成器 SplitMix64 的种子由（种子 %1，头 %2，行 %3）决定；列出最先的几次</numerusform>
        </translation>
    </message>
    <message>
        <source>how often each key was drawn</source>
        <translation>每个键被抽中的次数</translation>
    </message>
    <message>
        <source>%1[%2, head %3]</source>
        <extracomment>%1 is &quot;v_j = V&quot; or &quot;v_j = (Xv Wv)&quot;, %2 the key&apos;s row, %3 the head (from 0)</extracomment>
        <translation>%1[%2, 头 %3]</translation>
    </message>
    <message>
        <source>c_i = Σ_l w_il v_l, the weighted values of every key summed (row %1 of head %2&apos;s context)</source>
        <extracomment>%1 is the query&apos;s row, %2 the head (from 0)</extracomment>
        <translation>c_i = Σ_l w_il v_l，即所有键的加权值之和（头 %2 的上下文的第 %1 行）</translation>
    </message>
    <message numerus="yes">
        <source>o_i = [the %n heads&apos; context rows side by side] · Wo</source>
        <translation>
            <numerusform>o_i = [%n 个头的上下文行并排] · Wo</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>o_i = the %n heads&apos; context rows side by side (no Wo)</source>
        <translation>
            <numerusform>o_i = %n 个头的上下文行并排（无 Wo）</numerusform>
        </translation>
    </message>
    <message>
        <source>o_i = [the context row] · Wo</source>
        <translation>o_i = [上下文行] · Wo</translation>
    </message>
    <message>
        <source>o_i = the context row (no Wo)</source>
        <translation>o_i = 上下文行（无 Wo）</translation>
    </message>
    <message numerus="yes">
        <source>%1, … %n more</source>
        <extracomment>the end of a list cut short; %1 is the entries shown, %n how many are left out</extracomment>
        <translation>
            <numerusform>%1, … 另有 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>causal: key %1 comes after query %2</source>
        <translation>因果：键 %1 在查询 %2 之后</translation>
    </message>
    <message>
        <source>key padding: key %1 is padding</source>
        <translation>键填充：键 %1 是填充</translation>
    </message>
    <message>
        <source>cells: [%1, %2] is listed</source>
        <extracomment>the mask&apos;s list of cells holds [query, key]</extracomment>
        <translation>单元格：[%1, %2] 在屏蔽列表中</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <comment>mask reasons</comment>
        <extracomment>joins two reasons why a cell is masked</extracomment>
        <translation>%1；%2</translation>
    </message>
    <message>
        <source>masked, weight 0 — %1</source>
        <extracomment>%1 lists why the cell is masked</extracomment>
        <translation>已屏蔽，权重为 0 —— %1</translation>
    </message>
</context>
<context>
    <name>ui::StepView</name>
    <message>
        <source>Query vector</source>
        <translation>查询向量</translation>
    </message>
    <message>
        <source>Key vector</source>
        <translation>键向量</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>逐项乘积</translation>
    </message>
    <message>
        <source>Dot product</source>
        <translation>点积</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>W times the key</source>
        <translation>W 乘以键</translation>
    </message>
    <message>
        <source>Wq times the query</source>
        <translation>Wq 乘以查询</translation>
    </message>
    <message>
        <source>Wk times the key</source>
        <translation>Wk 乘以键</translation>
    </message>
    <message>
        <source>Sum</source>
        <translation>求和</translation>
    </message>
    <message>
        <source>tanh</source>
        <translation>tanh</translation>
    </message>
    <message>
        <source>Length of the query</source>
        <translation>查询的长度</translation>
    </message>
    <message>
        <source>Length of the key</source>
        <translation>键的长度</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source>Every key masked</source>
        <translation>所有键都被掩码</translation>
    </message>
    <message>
        <source>Row maximum</source>
        <translation>行最大值</translation>
    </message>
    <message>
        <source>Exponentials</source>
        <translation>指数</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Argmax</source>
        <translation>最大值位置</translation>
    </message>
    <message>
        <source>Kept keys</source>
        <translation>保留的键</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Shifted scores</source>
        <translation>平移后的分数</translation>
    </message>
    <message>
        <source>Threshold τ</source>
        <translation>阈值 τ</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>支撑集</translation>
    </message>
    <message>
        <source>Probabilities</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Draws</source>
        <translation>抽样</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>Value vector of the key</source>
        <translation>该键的值向量</translation>
    </message>
    <message>
        <source>Weight times value</source>
        <translation>权重乘以值</translation>
    </message>
    <message>
        <source>Context row</source>
        <translation>上下文行</translation>
    </message>
    <message>
        <source>Output row</source>
        <translation>输出行</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Formula and numbers</source>
        <translation>公式与数值</translation>
    </message>
    <message>
        <source>Hover a step to highlight the numbers it uses in the tables and the heatmap.</source>
        <translation>将鼠标悬停在某一步上，可在表格和热力图中高亮它用到的数值。</translation>
    </message>
    <message>
        <source>Copy as &amp;text</source>
        <translation>复制为文本(&amp;T)</translation>
    </message>
    <message>
        <source>Copy every step as plain text</source>
        <translation>将所有步骤复制为纯文本</translation>
    </message>
    <message>
        <source>Copy as &amp;LaTeX</source>
        <translation>复制为 LaTeX(&amp;L)</translation>
    </message>
    <message>
        <source>Copy every step as a LaTeX align* environment</source>
        <translation>将所有步骤复制为 LaTeX align* 环境</translation>
    </message>
    <message>
        <source>Click a cell of the heatmap to see how its weight is computed.</source>
        <translation>点击热力图中的单元格，查看其权重是如何计算的。</translation>
    </message>
    <message>
        <source>%1: score %2, weight %3</source>
        <translation>%1：分数 %2，权重 %3</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>Sum of both</source>
        <translation>两者之和</translation>
    </message>
</context>
<context>
    <name>ui::TemperatureField</name>
    <message>
        <source>Temperature T divides the scores before normalization: wⱼ = exp(sⱼ/T) / Σₖ exp(sₖ/T). T &lt; 1 sharpens the weights towards hard attention, T &gt; 1 flattens them towards uniform; hard attention ignores T. The slider is logarithmic from %1 to %2.</source>
        <translation>温度 T 在归一化之前除以分数：wⱼ = exp(sⱼ/T) / Σₖ exp(sₖ/T)。T &lt; 1 使权重更尖锐，趋向硬注意力；T &gt; 1 使权重更平坦，趋向均匀；硬注意力不受 T 影响。滑块按对数刻度从 %1 到 %2。</translation>
    </message>
</context>
<context>
    <name>ui::TimestepWindow</name>
    <message>
        <source>Time-step attention</source>
        <translation>时间步注意力</translation>
    </message>
    <message>
        <source>Time steps T of each sequence</source>
        <translation>每个序列的时间步数 T</translation>
    </message>
    <message>
        <source>The step K whose inputs equal the label; every other step is N(0, 10²) noise</source>
        <translation>输入等于标签的时间步 K；其余时间步都是 N(0, 10²) 噪声</translation>
    </message>
    <message>
        <source>Inputs D per time step</source>
        <translation>每个时间步的输入维数 D</translation>
    </message>
    <message>
        <source>Width U of the LSTM</source>
        <translation>LSTM 的宽度 U</translation>
    </message>
    <message>
        <source>Training samples, drawn afresh from the seed</source>
        <translation>训练样本，按种子重新生成</translation>
    </message>
    <message>
        <source>Fresh samples for the accuracy, the chart and the heatmap</source>
        <translation>用于准确率、图表和热力图的新样本</translation>
    </message>
    <message>
        <source>Passes over the training samples</source>
        <translation>遍历训练样本的轮数</translation>
    </message>
    <message>
        <source>Samples per Adam step</source>
        <translation>每个 Adam 步的样本数</translation>
    </message>
    <message>
        <source>Adam&apos;s learning rate</source>
        <translation>Adam 的学习率</translation>
    </message>
    <message>
        <source>Seed of the data, the initial parameters and the order of the batches: the same seed gives the same run</source>
        <translation>数据、初始参数和批次顺序的种子：相同的种子给出相同的运行</translation>
    </message>
    <message>
        <source>After the LSTM (on its states)</source>
        <translation>在 LSTM 之后（作用于其状态）</translation>
    </message>
    <message>
        <source>Before the LSTM (on the inputs)</source>
        <translation>在 LSTM 之前（作用于输入）</translation>
    </message>
    <message>
        <source>Where the attention block sits</source>
        <translation>注意力模块所在的位置</translation>
    </message>
    <message>
        <source>One vector per sample</source>
        <translation>每个样本一个向量</translation>
    </message>
    <message>
        <source>Shared attention: the mean over the units (or inputs), repeated for each</source>
        <translation>共享注意力：对各单元（或各输入）取平均，再为每一个重复使用</translation>
    </message>
    <message>
        <source>Steps T:</source>
        <translation>时间步数 T：</translation>
    </message>
    <message>
        <source>Informative step K:</source>
        <translation>信息时间步 K：</translation>
    </message>
    <message>
        <source>Input dimension D:</source>
        <translation>输入维数 D：</translation>
    </message>
    <message>
        <source>LSTM units U:</source>
        <translation>LSTM 单元数 U：</translation>
    </message>
    <message>
        <source>Attention:</source>
        <translation>注意力：</translation>
    </message>
    <message>
        <source>Shared attention:</source>
        <translation>共享注意力：</translation>
    </message>
    <message>
        <source>attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Attention per time step, mean over test samples and units</source>
        <translation>每个时间步的注意力，对测试样本和单元取平均</translation>
    </message>
    <message>
        <source>attention weight</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <source>time step</source>
        <translation>时间步</translation>
    </message>
    <message>
        <source>The attention weight of each step, averaged over the test samples and the units; the shaded step carries the label</source>
        <translation>每个时间步的注意力权重，对测试样本和单元取平均；阴影标出的时间步携带标签</translation>
    </message>
    <message>
        <source>Each test sample&apos;s attention over the steps (mean over the units)</source>
        <translation>每个测试样本在各时间步上的注意力（对单元取平均）</translation>
    </message>
    <message>
        <source>Export &amp;heatmap data (CSV)...</source>
        <translation>导出热力图数据 (CSV)(&amp;H)...</translation>
    </message>
    <message>
        <source>Save each test sample&apos;s attention over the steps as CSV</source>
        <translation>把每个测试样本在各时间步上的注意力保存为 CSV</translation>
    </message>
    <message>
        <source>Export heatmap data</source>
        <translation>导出热力图数据</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>informative step %1</source>
        <translation>信息时间步 %1</translation>
    </message>
    <message>
        <source>Attention of each test sample over the steps (informative step %1)</source>
        <translation>每个测试样本在各时间步上的注意力（信息时间步 %1）</translation>
    </message>
    <message>
        <source>sample %1, y = %2</source>
        <translation>样本 %1，y = %2</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Epoch %1, batch %2 of %3: test accuracy %4, attention peaks at step %5 with %6.</source>
        <translation>第 %1 轮，第 %2 批（共 %3 批）：测试准确率 %4，注意力在时间步 %5 处最高，为 %6。</translation>
    </message>
    <message>
        <source>Each test sample&apos;s attention over the steps appears here as the model trains (Train, Ctrl+Return).</source>
        <translation>模型训练时，每个测试样本在各时间步上的注意力会显示在这里（训练，Ctrl+Return）。</translation>
    </message>
</context>
<context>
    <name>ui::TrainingPanel</name>
    <message>
        <source>Training could not start: %1</source>
        <translation>无法开始训练：%1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Sentence pairs</source>
        <translation>句对</translation>
    </message>
    <message>
        <source>Load pairs…</source>
        <translation>加载句对…</translation>
    </message>
    <message>
        <source>Open a corpus file: source TAB target [TAB gold alignment] a line</source>
        <translation>打开语料文件：每行为 源语言 TAB 目标语言 [TAB 标准对齐]</translation>
    </message>
    <message>
        <source>Load sentence pairs</source>
        <translation>加载句对</translation>
    </message>
    <message>
        <source>Sentence pairs (*.tsv);;All files (*)</source>
        <translation>句对 (*.tsv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Why the last file or setting was refused; nothing else changed</source>
        <translation>上一个文件或设置被拒绝的原因；其他内容均未改变</translation>
    </message>
    <message>
        <source>Open in playground</source>
        <translation>在实验场中打开</translation>
    </message>
    <message>
        <source>Open the selected pair as a scene: the trained decoder states as queries, the encoder states as keys and values</source>
        <translation>把所选句对作为场景打开：训练后的解码器状态作为查询，编码器状态作为键和值</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Train a new model from the seed on these pairs</source>
        <translation>用种子在这些句对上训练一个新模型</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause after the epoch under way; again to resume</source>
        <translation>在当前轮次结束后暂停；再按一次继续</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Go on training (F6)</source>
        <translation>继续训练（F6）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop training; the model keeps what it learnt</source>
        <translation>停止训练；模型保留已学到的内容</translation>
    </message>
    <message>
        <source>epoch %v of %m</source>
        <translation>第 %v 轮，共 %m 轮</translation>
    </message>
    <message>
        <source>Epochs done of those asked for</source>
        <translation>已完成的轮次与要求的轮次</translation>
    </message>
    <message>
        <source>After the last epoch: loss (cross-entropy per token), token accuracy (teacher forced), exact match (greedy translation equals the target) and AER (alignment error rate of the argmax attention, Och &amp; Ney 2003)</source>
        <translation>最近一轮之后：损失（每个词元的交叉熵）、词元准确率（教师强制）、完全匹配率（贪心翻译与目标完全相同）和 AER（argmax 注意力的对齐错误率，Och 与 Ney，2003）</translation>
    </message>
    <message>
        <source>a source sentence, then Enter</source>
        <translation>输入源语言句子，然后按回车</translation>
    </message>
    <message>
        <source>Type a sentence in the source language and press Enter: the latest model translates it greedily and the heatmap shows its attention</source>
        <translation>输入源语言句子并按回车：最新的模型用贪心解码翻译它，热力图显示其注意力</translation>
    </message>
    <message>
        <source>T&amp;ranslate:</source>
        <translation>翻译(&amp;R)：</translation>
    </message>
    <message>
        <source>The greedy translation of the typed sentence</source>
        <translation>输入句子的贪心翻译</translation>
    </message>
    <message>
        <source>The selected target word&apos;s weights over the source words (click a heatmap row to choose it)</source>
        <translation>所选目标词在各源语言词上的权重（点击热力图的一行来选择）</translation>
    </message>
    <message>
        <source>Type a sentence in the source language</source>
        <translation>请输入源语言句子</translation>
    </message>
    <message>
        <source>At most %1 words</source>
        <translation>最多 %1 个词</translation>
    </message>
    <message>
        <source>Train first: there is no model yet</source>
        <translation>请先训练：还没有模型</translation>
    </message>
    <message>
        <source>Cannot train: %1</source>
        <translation>无法训练：%1</translation>
    </message>
    <message>
        <source>Translation · greedy decoding · epoch %1</source>
        <translation>翻译 · 贪心解码 · 第 %1 轮</translation>
    </message>
    <message>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
    <message>
        <source>Pair %1 · decoder → encoder attention after epoch %2</source>
        <translation>句对 %1 · 第 %2 轮后解码器 → 编码器的注意力</translation>
    </message>
    <message>
        <source>Pair %1 · gold alignment (rings) · press Train to see the attention</source>
        <translation>句对 %1 · 标准对齐（圆环）· 按“训练”查看注意力</translation>
    </message>
    <message>
        <source>No pair selected</source>
        <translation>未选择句对</translation>
    </message>
    <message>
        <source>— (no gold)</source>
        <translation>—（无标准对齐）</translation>
    </message>
    <message>
        <source>Epoch %1 of %2 · loss %3 · token accuracy %4 % · exact match %5 % · AER %6</source>
        <translation>第 %1 轮，共 %2 轮 · 损失 %3 · 词元准确率 %4% · 完全匹配 %5% · AER %6</translation>
    </message>
    <message numerus="yes">
        <source>%n pair(s) loaded</source>
        <translation>
            <numerusform>已加载 %n 个句对</numerusform>
        </translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>→ %1 · unknown words: %2</source>
        <translation>→ %1 · 未知词：%2</translation>
    </message>
    <message numerus="yes">
        <source>→ %1 … (no end of sentence within %n word(s))</source>
        <translation>
            <numerusform>→ %1 …（%n 个词以内没有句子结束符）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>→ %1 … (no end of sentence within %n word(s)) · unknown words: %2</source>
        <translation>
            <numerusform>→ %1 …（%n 个词以内没有句子结束符）· 未知词：%2</numerusform>
        </translation>
    </message>
    <message>
        <source>Pair %1 · decoder → encoder attention after epoch %2 · rings: gold alignment (dashed: possible)</source>
        <translation>句对 %1 · 第 %2 轮后解码器 → 编码器的注意力 · 圆环：标准对齐（虚线：可能对齐）</translation>
    </message>
    <message>
        <source>Pair %1 · decoder → encoder attention after epoch %2 · rings: gold alignment</source>
        <translation>句对 %1 · 第 %2 轮后解码器 → 编码器的注意力 · 圆环：标准对齐</translation>
    </message>
    <message>
        <source>%1 · paused</source>
        <comment>training status, then its state</comment>
        <translation>%1 · 已暂停</translation>
    </message>
    <message>
        <source>%1 · stopping…</source>
        <comment>training status, then its state</comment>
        <translation>%1 · 正在停止…</translation>
    </message>
    <message>
        <source>%1 · stopped</source>
        <comment>training status, then its state</comment>
        <translation>%1 · 已停止</translation>
    </message>
    <message>
        <source>%1 · done</source>
        <comment>training status, then its state</comment>
        <translation>%1 · 已完成</translation>
    </message>
    <message>
        <source>The pairs of the corpus: select one to see its attention; held-out pairs are marked and never trained on</source>
        <translation>语料中的句对：选择一个查看其注意力；留出的句对已标出，从不参与训练</translation>
    </message>
    <message>
        <source>Save model…</source>
        <translation>保存模型…</translation>
    </message>
    <message>
        <source>Keep the trained model in a file</source>
        <translation>把训练好的模型保存到文件</translation>
    </message>
    <message>
        <source>Save model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <source>Translation models (*.apmodel);;All files (*)</source>
        <translation>翻译模型 (*.apmodel);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Load model…</source>
        <translation>加载模型…</translation>
    </message>
    <message>
        <source>Load a model saved before, to translate with it</source>
        <translation>加载之前保存的模型，用它来翻译</translation>
    </message>
    <message>
        <source>Load model</source>
        <translation>加载模型</translation>
    </message>
    <message>
        <source>The same figures on the held-out pairs, which the model never trained on, with BLEU of their greedy translations</source>
        <translation>在模型从未训练过的留出句对上的同样指标，以及其贪心翻译的 BLEU</translation>
    </message>
    <message>
        <source>Discard the trained model?</source>
        <translation>要丢弃训练好的模型吗？</translation>
    </message>
    <message>
        <source>Other pairs need a new model: the one trained now will be discarded. Save it first with Save model… to keep it.</source>
        <translation>其他句对需要一个新模型：当前训练好的模型将被丢弃。如需保留，请先用“保存模型…”保存。</translation>
    </message>
    <message>
        <source>Held-out pair %1 · decoder → encoder attention after epoch %2 · rings: gold alignment (dashed: possible)</source>
        <translation>留出句对 %1 · 第 %2 轮后解码器 → 编码器的注意力 · 圆环：标准对齐（虚线：可能对齐）</translation>
    </message>
    <message>
        <source>Held-out pair %1 · decoder → encoder attention after epoch %2 · rings: gold alignment</source>
        <translation>留出句对 %1 · 第 %2 轮后解码器 → 编码器的注意力 · 圆环：标准对齐</translation>
    </message>
    <message>
        <source>Held-out pair %1 · decoder → encoder attention after epoch %2</source>
        <translation>留出句对 %1 · 第 %2 轮后解码器 → 编码器的注意力</translation>
    </message>
    <message>
        <source>Held out: loss %1 · token accuracy %2 % · exact match %3 % · BLEU %4 · AER %5</source>
        <translation>留出集：损失 %1 · 词元准确率 %2% · 完全匹配 %3% · BLEU %4 · AER %5</translation>
    </message>
    <message numerus="yes">
        <source>%n pair(s) held out for evaluation</source>
        <translation>
            <numerusform>留出 %n 个句对用于评估</numerusform>
        </translation>
    </message>
    <message>
        <source>A model is loaded: type a sentence to translate it. %1</source>
        <translation>已加载模型：输入一个句子即可翻译。%1</translation>
    </message>
    <message>
        <source>Generate corpus…</source>
        <translation>生成语料…</translation>
    </message>
    <message>
        <source>Write a corpus of any size from a toy grammar (French, German or Chinese to English, with gold alignments) and train on it</source>
        <translation>用玩具语法写出任意大小的语料（法语、德语或中文到英语，带标准对齐），并在其上训练</translation>
    </message>
    <message>
        <source>%1 · AER %2</source>
        <comment>heatmap title, then the pair&apos;s alignment error rate</comment>
        <translation>%1 · AER %2</translation>
    </message>
    <message>
        <source>The aligner aligns corpus pairs only, not typed sentences</source>
        <translation>对齐器只对齐语料中的句对，不对齐输入的句子</translation>
    </message>
    <message>
        <source>Aligning the corpus with IBM Model 2…</source>
        <translation>正在用 IBM 模型 2 对齐语料…</translation>
    </message>
    <message>
        <source>No alignment</source>
        <translation>没有对齐</translation>
    </message>
    <message>
        <source>IBM Model 2 · soft alignment · grow-diag-final-and links: AER %1</source>
        <translation>IBM 模型 2 · 软对齐 · grow-diag-final-and 链接：AER %1</translation>
    </message>
    <message>
        <source>IBM Model 2 · soft alignment</source>
        <translation>IBM 模型 2 · 软对齐</translation>
    </message>
    <message>
        <source>Attention is not alignment. The decoder attends to whichever encoder states help it predict the next word, and each encoder state also describes its neighbours, so the weight may sit beside the word being translated while the translation stays right. The aligner (right) has only the words themselves: its posteriors can rest only on source words that occur with the target word.</source>
        <translation>注意力不等于对齐。解码器关注的是有助于预测下一个词的编码器状态，而每个编码器状态也描述了它的相邻词，所以权重可能落在被翻译词的旁边，翻译却依然正确。对齐器（右）只有词本身：它的后验概率只能落在与目标词共现的源词上。</translation>
    </message>
    <message>
        <source>Here the attention (AER %1) aligns worse than the aligner (AER %2): look for rows whose brightest cell misses the ring.</source>
        <translation>此处注意力（AER %1）对齐得比对齐器（AER %2）差：请找出最亮的格子不在圆环上的行。</translation>
    </message>
    <message>
        <source>Here the attention (AER %1) aligns better than the aligner (AER %2): the model has learnt where the words are, which guided alignment makes more likely.</source>
        <translation>此处注意力（AER %1）对齐得比对齐器（AER %2）好：模型学会了词的位置，引导对齐会让这更有可能。</translation>
    </message>
    <message>
        <source>Here both align equally well (AER %1).</source>
        <translation>此处两者对齐得一样好（AER %1）。</translation>
    </message>
    <message>
        <source>AER %1 · trained on the training pairs only: AER %2</source>
        <translation>AER %1 · 仅用训练句对训练：AER %2</translation>
    </message>
    <message>
        <source>IBM Model 2 · soft alignment · grow-diag-final-and links: %1</source>
        <translation>IBM 模型 2 · 软对齐 · grow-diag-final-and 链接：%1</translation>
    </message>
    <message>
        <source>The statistical aligner&apos;s soft alignment of the same pair: IBM Model 2 posteriors, the mean of both directions, learnt by EM from the co-occurrences of every pair of the corpus, held-out ones included (Brown et al. 1993). A held-out pair&apos;s title adds the AER of the same aligner trained on the training pairs only, as the model was</source>
        <translation>统计对齐器对同一句对的软对齐：IBM 模型 2 的后验概率，取两个方向的平均，由 EM 从语料中每个句对（包括留出句对）的共现中学得（Brown 等，1993）。留出句对的标题还给出同一对齐器仅用训练句对训练（与模型一样）时的 AER</translation>
    </message>
    <message>
        <source>As word aligners are, it is run on the text it aligns: it learnt from every pair of the corpus, held-out ones included, from co-occurrences only (never from gold links).</source>
        <translation>与一般的词对齐器一样，它在所要对齐的文本上运行：它从语料的每个句对（包括留出句对）中学习，只用共现信息（从不使用标准对齐）。</translation>
    </message>
    <message>
        <source>This pair is held out: the model never trained on it. The attention (AER %1) aligns it worse than the aligner trained on the training pairs only (AER %2): look for rows whose brightest cell misses the ring. The aligner run on every pair, this one included, gets AER %3.</source>
        <translation>这是留出句对：模型从未在它上面训练过。注意力（AER %1）对它的对齐比仅用训练句对训练的对齐器（AER %2）差：请找出最亮的格子不在圆环上的行。在全部句对（包括这一对）上运行的对齐器得到 AER %3。</translation>
    </message>
    <message>
        <source>This pair is held out: the model never trained on it. The attention (AER %1) aligns it better than the aligner trained on the training pairs only (AER %2). The aligner run on every pair, this one included, gets AER %3.</source>
        <translation>这是留出句对：模型从未在它上面训练过。注意力（AER %1）对它的对齐比仅用训练句对训练的对齐器（AER %2）好。在全部句对（包括这一对）上运行的对齐器得到 AER %3。</translation>
    </message>
    <message>
        <source>This pair is held out: the model never trained on it. The attention aligns it as well as the aligner trained on the training pairs only (AER %1). The aligner run on every pair, this one included, gets AER %2.</source>
        <translation>这是留出句对：模型从未在它上面训练过。注意力对它的对齐与仅用训练句对训练的对齐器一样好（AER %1）。在全部句对（包括这一对）上运行的对齐器得到 AER %2。</translation>
    </message>
</context>
<context>
    <name>ui::TrainingPlots</name>
    <message>
        <source>Loss per epoch</source>
        <translation>每轮损失</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>Mean cross-entropy per target token after each epoch (log scale)</source>
        <translation>每轮之后每个目标词元的平均交叉熵（对数刻度）</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>AER</source>
        <translation>AER</translation>
    </message>
    <message>
        <source>token accuracy</source>
        <translation>词元准确率</translation>
    </message>
    <message>
        <source>exact match</source>
        <translation>完全匹配</translation>
    </message>
    <message>
        <source>held-out loss</source>
        <translation>留出集损失</translation>
    </message>
    <message>
        <source>Training pairs</source>
        <translation>训练句对</translation>
    </message>
    <message>
        <source>On the pairs trained on. AER: alignment error rate of the argmax attention against the gold alignment (lower is better). Token accuracy, exact match and BLEU of the translations (higher is better)</source>
        <translation>在参与训练的句对上。AER：argmax 注意力相对标准对齐的对齐错误率（越低越好）。翻译的词元准确率、完全匹配率和 BLEU（越高越好）</translation>
    </message>
    <message>
        <source>Held-out pairs</source>
        <translation>留出句对</translation>
    </message>
    <message>
        <source>On the held-out pairs, never trained on: what the model generalises. Empty when no pairs are held out</source>
        <translation>在从未训练过的留出句对上：模型的泛化能力。没有留出句对时为空</translation>
    </message>
    <message>
        <source>BLEU</source>
        <translation>BLEU</translation>
    </message>
</context>
<context>
    <name>ui::TrainingSession</name>
    <message>
        <source>Stop training before loading other pairs</source>
        <translation>请先停止训练，再加载其他句对</translation>
    </message>
    <message>
        <source>There is no model to save: train first</source>
        <translation>没有可保存的模型：请先训练</translation>
    </message>
    <message>
        <source>Stop training before loading a model</source>
        <translation>请先停止训练，再加载模型</translation>
    </message>
</context>
<context>
    <name>ui::TrainingSettings</name>
    <message>
        <source>dot</source>
        <translation>点积</translation>
    </message>
    <message>
        <source>score = s·h</source>
        <translation>分数 = s·h</translation>
    </message>
    <message>
        <source>scaled dot</source>
        <translation>缩放点积</translation>
    </message>
    <message>
        <source>score = s·h / √dₕ (Vaswani et al. 2017)</source>
        <translation>分数 = s·h / √dₕ（Vaswani 等，2017）</translation>
    </message>
    <message>
        <source>general (Luong)</source>
        <translation>一般（Luong）</translation>
    </message>
    <message>
        <source>score = sᵀ W h with a learnt W (Luong et al. 2015)</source>
        <translation>分数 = sᵀ W h，W 通过学习得到（Luong 等，2015）</translation>
    </message>
    <message>
        <source>additive (Bahdanau)</source>
        <translation>加性（Bahdanau）</translation>
    </message>
    <message>
        <source>score = vᵀ tanh(W_q s + W_k h) with learnt W_q, W_k, v (Bahdanau et al. 2015)</source>
        <translation>分数 = vᵀ tanh(W_q s + W_k h)，W_q、W_k、v 通过学习得到（Bahdanau 等，2015）</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>score = s·h / (‖s‖ ‖h‖) times a learnt scale</source>
        <translation>分数 = s·h / (‖s‖ ‖h‖) 乘以一个学习得到的缩放系数</translation>
    </message>
    <message>
        <source>How the decoder state s scores each encoder state h</source>
        <translation>解码器状态 s 如何给每个编码器状态 h 打分</translation>
    </message>
    <message>
        <source>Sc&amp;oring:</source>
        <translation>打分(&amp;O)：</translation>
    </message>
    <message>
        <source>softmax</source>
        <translation>softmax</translation>
    </message>
    <message>
        <source>sparsemax</source>
        <translation>sparsemax</translation>
    </message>
    <message>
        <source>How scores become weights: softmax spreads weight over every source word, sparsemax gives exact zeros (Martins &amp; Astudillo 2016)</source>
        <translation>分数如何变成权重：softmax 把权重分散到每个源语言词上，sparsemax 会给出恰好为零的权重（Martins 与 Astudillo，2016）</translation>
    </message>
    <message>
        <source>&amp;Normalization:</source>
        <translation>归一化(&amp;N)：</translation>
    </message>
    <message>
        <source>Attention heads; they must divide the hidden size. The heatmap shows their mean</source>
        <translation>注意力头数；必须整除隐藏层大小。热力图显示它们的平均</translation>
    </message>
    <message>
        <source>&amp;Heads:</source>
        <translation>注意力头(&amp;H)：</translation>
    </message>
    <message>
        <source>Width of the encoder and decoder states (even: the encoder runs half of it each way)</source>
        <translation>编码器和解码器状态的宽度（须为偶数：编码器每个方向各用一半）</translation>
    </message>
    <message>
        <source>Hidden si&amp;ze:</source>
        <translation>隐藏层大小(&amp;Z)：</translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation>轮数(&amp;E)：</translation>
    </message>
    <message>
        <source>Adam&apos;s step size</source>
        <translation>Adam 的步长</translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation>学习率(&amp;L)：</translation>
    </message>
    <message>
        <source>Seeds the initial parameters and the order of the pairs: the same seed repeats the same run</source>
        <translation>决定初始参数和句对顺序的种子：相同的种子会重复同样的训练过程</translation>
    </message>
    <message>
        <source>See&amp;d:</source>
        <translation>种子(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Guided alignment:</source>
        <translation>引导对齐(&amp;G)：</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Pairs set aside (chosen with the seed) and never trained on: their figures show how well the model generalises</source>
        <translation>留出不参与训练的句对（由种子选取）：它们的指标反映模型的泛化能力</translation>
    </message>
    <message>
        <source>Held &amp;out:</source>
        <translation>留出(&amp;O)：</translation>
    </message>
    <message>
        <source>Lower-case both sides</source>
        <translation>两侧都转为小写</translation>
    </message>
    <message>
        <source>Fold the case of every word, so that &quot;Le&quot; and &quot;le&quot; are one word</source>
        <translation>统一每个词的大小写，使“Le”和“le”成为同一个词</translation>
    </message>
    <message>
        <source>Passes over all pairs. Automatic: about %L1 pair updates, at most %2 epochs — large corpora need few passes, and more make the attention drift from the alignment</source>
        <translation>遍历所有句对的次数。自动：约 %L1 次句对更新，最多 %2 轮——大语料只需少数几轮，更多轮会让注意力偏离对齐</translation>
    </message>
    <message>
        <source>Guided alignment weight λ: adds λ times the cross-entropy between each target word&apos;s attention and its guide&apos;s links to the loss (Chen et al. 2016). 0 leaves the attention unsupervised; needs softmax</source>
        <translation>引导对齐权重 λ：在损失中加入 λ 乘以每个目标词的注意力与其引导链接之间的交叉熵（Chen 等，2016）。0 表示注意力不受监督；需要 softmax</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>gold links</source>
        <translation>标准链接</translation>
    </message>
    <message>
        <source>The corpus&apos;s own alignment column</source>
        <translation>语料自带的对齐列</translation>
    </message>
    <message>
        <source>IBM Model 2 aligner</source>
        <translation>IBM 模型 2 对齐器</translation>
    </message>
    <message>
        <source>Links of the statistical aligner (IBM Model 2 both ways, grow-diag-final-and, 10 iterations) trained on the training pairs: for corpora without gold links</source>
        <translation>在训练句对上训练的统计对齐器给出的链接（双向 IBM 模型 2，grow-diag-final-and，10 次迭代）：用于没有标准对齐的语料</translation>
    </message>
    <message>
        <source>Where guided alignment takes its links from</source>
        <translation>引导对齐的链接从何而来</translation>
    </message>
    <message>
        <source>G&amp;uide:</source>
        <translation>引导(&amp;U)：</translation>
    </message>
</context>
<context>
    <name>ui::TrainingWindow</name>
    <message>
        <source>Translation — Attention Playground</source>
        <translation>翻译 — 注意力实验场</translation>
    </message>
</context>
<context>
    <name>ui::UserGuideDialog</name>
    <message>
        <source>User Guide</source>
        <translation>用户指南</translation>
    </message>
    <message>
        <source>The user guide is missing from this build (%1).</source>
        <translation>此版本缺少用户指南（%1）。</translation>
    </message>
</context>
<context>
    <name>ui::WhatsThis</name>
    <message>
        <source>&lt;b&gt;Scoring&lt;/b&gt; turns a query q and a key k into a score. Dot and scaled dot compare the vectors directly (scaled dot divides by √dₕ so that wide heads do not saturate the softmax); general (Luong) puts a matrix W between them; additive (Bahdanau) runs both through a small layer, vᵀ tanh(W_q q + W_k k); cosine compares directions only.</source>
        <translation>&lt;b&gt;打分&lt;/b&gt;把查询 q 和键 k 变成一个分数。点积和缩放点积直接比较两个向量（缩放点积除以 √dₕ，使较宽的头不会让 softmax 饱和）；一般（Luong）在两者之间放一个矩阵 W；加性（Bahdanau）让两者经过一个小网络层，vᵀ tanh(W_q q + W_k k)；余弦只比较方向。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Normalization&lt;/b&gt; turns each query&apos;s scores into weights that sum to 1. Softmax gives every key some weight; hard gives all of it to the best key; top-k keeps the k best; sparsemax sets low scores to exactly 0.</source>
        <translation>&lt;b&gt;归一化&lt;/b&gt;把每个查询的分数变成总和为 1 的权重。softmax 给每个键一些权重；硬注意力把全部权重给分数最高的键；top-k 保留最好的 k 个；sparsemax 把较低的分数置为恰好 0。</translation>
    </message>
    <message>
        <source>&lt;b&gt;k&lt;/b&gt;: how many of the highest-scoring keys top-k keeps for each query. The others get weight 0.</source>
        <translation>&lt;b&gt;k&lt;/b&gt;：top-k 为每个查询保留多少个分数最高的键。其余的键权重为 0。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Temperature T&lt;/b&gt; divides the scores before normalization. Drag left (T &amp;lt; 1) and the weights sharpen towards hard attention; drag right (T &amp;gt; 1) and they flatten towards uniform.</source>
        <translation>&lt;b&gt;温度 T&lt;/b&gt; 在归一化之前除以分数。向左拖（T &amp;lt; 1），权重变尖锐，趋向硬注意力；向右拖（T &amp;gt; 1），权重变平坦，趋向均匀。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Temperature T&lt;/b&gt;, typed exactly. The slider beside it moves on a logarithmic scale.</source>
        <translation>&lt;b&gt;温度 T&lt;/b&gt;，可精确输入。旁边的滑块按对数刻度移动。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Heads&lt;/b&gt;: the width d is split into h equal parts and each head attends on its own part. The grid on the right shows every head; the output puts their contexts side by side.</source>
        <translation>&lt;b&gt;注意力头&lt;/b&gt;：宽度 d 被分成 h 等份，每个头在自己那一份上计算注意力。右侧的网格显示每个头；输出把它们的上下文并排拼接。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Mask preset&lt;/b&gt;: causal hides every later key from a query, as in a decoder that must not look ahead. Key padding (the boxes in the K table) and single masked cells apply on top.</source>
        <translation>&lt;b&gt;掩码预设&lt;/b&gt;：因果掩码对查询隐藏其后的所有键，就像不能向前看的解码器。键填充（K 表中的方框）和单独屏蔽的单元格在此基础上叠加。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Mask edit mode&lt;/b&gt; (M): while it is on, clicking a heatmap cell masks or unmasks it. A masked cell gets weight exactly 0 and its row is renormalized over the other keys.</source>
        <translation>&lt;b&gt;掩码编辑模式&lt;/b&gt;（M）：开启时，点击热力图单元格即可屏蔽或取消屏蔽。被屏蔽的单元格权重恰好为 0，所在行在其余键上重新归一化。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Self-attention&lt;/b&gt;: one matrix of tokens is used as queries, keys and values, so a sentence attends to its own words. Only Q can then be edited.</source>
        <translation>&lt;b&gt;自注意力&lt;/b&gt;：同一个词元矩阵同时用作查询、键和值，句子关注它自己的词。此时只能编辑 Q。</translation>
    </message>
    <message>
        <source>&lt;b&gt;K = V&lt;/b&gt;: the values are the keys, as in encoder–decoder attention where both are the encoder&apos;s states.</source>
        <translation>&lt;b&gt;K = V&lt;/b&gt;：值就是键，就像编码器–解码器注意力中两者都是编码器的状态。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Show raw scores&lt;/b&gt;: the heatmap shows the scores before temperature, mask and normalization, on their own colour scale, instead of the weights.</source>
        <translation>&lt;b&gt;显示原始分数&lt;/b&gt;：热力图以分数自己的色标显示温度、掩码和归一化作用之前的分数，而不是权重。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Scoring&lt;/b&gt; of the translator&apos;s attention: how the decoder state scores each encoder state. Changing it takes effect when you press Train.</source>
        <translation>翻译模型注意力的&lt;b&gt;打分&lt;/b&gt;方式：解码器状态如何给每个编码器状态打分。修改后在按下“训练”时生效。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Normalization&lt;/b&gt; of the translator&apos;s attention: softmax or sparsemax.</source>
        <translation>翻译模型注意力的&lt;b&gt;归一化&lt;/b&gt;方式：softmax 或 sparsemax。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Heads&lt;/b&gt; of the translator&apos;s attention; the heatmap shows their mean.</source>
        <translation>翻译模型注意力的&lt;b&gt;头数&lt;/b&gt;；热力图显示它们的平均。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Hidden size&lt;/b&gt;: the width of the encoder and decoder states. Larger learns more and trains more slowly.</source>
        <translation>&lt;b&gt;隐藏层大小&lt;/b&gt;：编码器和解码器状态的宽度。越大学得越多，训练也越慢。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Epochs&lt;/b&gt;: how many times training goes over every sentence pair.</source>
        <translation>&lt;b&gt;轮数&lt;/b&gt;：训练遍历所有句对的次数。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Learning rate&lt;/b&gt;: the step size of the Adam optimizer. Too large and the loss jumps; too small and it falls slowly.</source>
        <translation>&lt;b&gt;学习率&lt;/b&gt;：Adam 优化器的步长。太大损失会跳动；太小损失下降缓慢。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Seed&lt;/b&gt;: the same seed gives the same initial model and the same order of pairs, so a run can be repeated exactly.</source>
        <translation>&lt;b&gt;种子&lt;/b&gt;：相同的种子给出相同的初始模型和相同的句对顺序，因此一次训练可以被精确重复。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Corpus&lt;/b&gt;: the sentence pairs to train on. Each line of a corpus file holds a source sentence, a tab, its translation and optionally a gold word alignment.</source>
        <translation>&lt;b&gt;语料&lt;/b&gt;：用于训练的句对。语料文件的每一行包含一个源语言句子、一个制表符、它的译文，以及可选的标准词对齐。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sentence pairs&lt;/b&gt;: select one to see the decoder&apos;s attention over its source words, with the gold alignment drawn as rings.</source>
        <translation>&lt;b&gt;句对&lt;/b&gt;：选择一个，查看解码器在其源语言词上的注意力，标准对齐以圆环标出。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Translate&lt;/b&gt;: type a sentence in the source language and press Enter. The latest model translates it word by word and the heatmap shows where it looked.</source>
        <translation>&lt;b&gt;翻译&lt;/b&gt;：输入源语言句子并按回车。最新的模型逐词翻译，热力图显示它关注了哪里。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Loss&lt;/b&gt;: the mean cross-entropy per target word after each epoch, on a logarithmic axis. It should fall steadily.</source>
        <translation>&lt;b&gt;损失&lt;/b&gt;：每轮之后每个目标词的平均交叉熵，采用对数坐标轴。它应当稳步下降。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Alignment and accuracy&lt;/b&gt;: AER compares the strongest attention of each target word with the gold alignment (lower is better); token accuracy and exact match measure the translations (higher is better).</source>
        <translation>&lt;b&gt;对齐与准确率&lt;/b&gt;：AER 把每个目标词最强的注意力与标准对齐相比较（越低越好）；词元准确率和完全匹配率衡量翻译质量（越高越好）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Attention of the translator&lt;/b&gt;: one row per target word, one column per source word. Rings mark the gold alignment; dashed rings its possible links.</source>
        <translation>&lt;b&gt;翻译模型的注意力&lt;/b&gt;：每个目标词一行，每个源语言词一列。圆环标出标准对齐；虚线圆环为可能的对齐。</translation>
    </message>
</context>
<context>
    <name>ui::edits</name>
    <message>
        <source>The clipboard holds no numbers.</source>
        <translation>剪贴板中没有数字。</translation>
    </message>
    <message>
        <source>Row %1, column %2 of the pasted block: “%3” is not a number.</source>
        <translation>粘贴数据块的第 %1 行第 %2 列：“%3”不是数字。</translation>
    </message>
</context>
</TS>
