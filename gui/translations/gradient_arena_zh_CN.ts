<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>No racers yet: add one in the Racers dock (Add ▾) or from the Race menu.</source>
        <translation>还没有参赛者：在“参赛者”面板（添加 ▾）或“竞赛”菜单中添加一个。</translation>
    </message>
    <message>
        <source>The step budget is used up: raise it in the Race dock to go on.</source>
        <translation>步数预算已用完：在“竞赛”面板中提高预算以继续。</translation>
    </message>
    <message>
        <source>Every racer has stopped: press Reset to race again.</source>
        <translation>所有参赛者都已停止：按“重置”重新开始竞赛。</translation>
    </message>
    <message>
        <source>Gradient Arena: unexpected error</source>
        <translation>Gradient Arena：意外错误</translation>
    </message>
    <message>
        <source>{error}

The race and your settings are unchanged. Details were written to the log.</source>
        <translation>{error}

竞赛和你的设置均未改变。详细信息已写入日志。</translation>
    </message>
    <message>
        <source>cannot write &apos;{path}&apos;: {reason}</source>
        <translation>无法写入“{path}”：{reason}</translation>
    </message>
    <message>
        <source>cannot write &apos;{path}&apos;: the written file is empty</source>
        <translation>无法写入“{path}”：写出的文件为空</translation>
    </message>
    <message>
        <source>the {format} encoder failed: {reason}</source>
        <translation>{format} 编码器失败：{reason}</translation>
    </message>
    <message>
        <source>Contour map and paths</source>
        <translation>等高线图与路径</translation>
    </message>
    <message>
        <source>Loss panel</source>
        <translation>损失面板</translation>
    </message>
    <message>
        <source>Learning-rate panel</source>
        <translation>学习率面板</translation>
    </message>
    <message>
        <source>Whole window (all three panels)</source>
        <translation>整个窗口（全部三个面板）</translation>
    </message>
    <message>
        <source>3-D view (PNG)</source>
        <translation>三维视图（PNG）</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>SVG vector image (*.svg)</source>
        <translation>SVG 矢量图像 (*.svg)</translation>
    </message>
    <message>
        <source>GIF animation (*.gif)</source>
        <translation>GIF 动画 (*.gif)</translation>
    </message>
    <message>
        <source>MP4 video (*.mp4)</source>
        <translation>MP4 视频 (*.mp4)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>the session open in this window</source>
        <translation>本窗口打开的会话</translation>
    </message>
    <message>
        <source>Export image</source>
        <translation>导出图像</translation>
    </message>
    <message>
        <source>Export:</source>
        <translation>导出内容：</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>PNG width; the height keeps the panel&apos;s shape. Text and lines grow with it, as on a high-resolution screen.</source>
        <translation>PNG 宽度；高度保持面板的比例。文字和线条随之放大，如同在高分辨率屏幕上。</translation>
    </message>
    <message>
        <source>Width:</source>
        <translation>宽度：</translation>
    </message>
    <message>
        <source>White</source>
        <translation>白色</translation>
    </message>
    <message>
        <source>Transparent</source>
        <translation>透明</translation>
    </message>
    <message>
        <source>Background:</source>
        <translation>背景：</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Choose a file name first.</source>
        <translation>请先选择文件名。</translation>
    </message>
    <message>
        <source>the image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Rendering frame {done} of {total}</source>
        <translation>正在渲染第 {done} 帧，共 {total} 帧</translation>
    </message>
    <message>
        <source>Basins of attraction</source>
        <translation>吸引域</translation>
    </message>
    <message>
        <source>Hyperparameter sweep</source>
        <translation>超参数扫描</translation>
    </message>
    <message>
        <source>Trainability boundary</source>
        <translation>可训练性边界</translation>
    </message>
    <message>
        <source>Maps</source>
        <translation>地图</translation>
    </message>
    <message>
        <source>Basins: a grid of starts over the map&apos;s view, each coloured by the minimum it reached.</source>
        <translation>吸引域：在地图视野内取网格状的起点，按各自到达的极小值着色。</translation>
    </message>
    <message>
        <source>Sweep: the selected racer from the race&apos;s start over two of its hyperparameters.</source>
        <translation>扫描：选中的参赛者从竞赛起点出发，在它的两个超参数上扫描。</translation>
    </message>
    <message>
        <source>Trainability boundary: gradient descent with a learning rate per parameter (log axes).</source>
        <translation>可训练性边界：每个参数各用一个学习率的梯度下降（对数坐标轴）。</translation>
    </message>
    <message>
        <source>the selected racer</source>
        <translation>选中的参赛者</translation>
    </message>
    <message>
        <source>every visible racer, side by side</source>
        <translation>所有可见参赛者，并排显示</translation>
    </message>
    <message>
        <source> cells per side</source>
        <translation> 格/边</translation>
    </message>
    <message>
        <source>a run has converged once |grad| &lt;= this</source>
        <translation>一次运行在 |grad| &lt;= 此值时视为收敛</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <source>Racers</source>
        <translation>参赛者</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Tolerance</source>
        <translation>容差</translation>
    </message>
    <message>
        <source>Axes</source>
        <translation>坐标轴</translation>
    </message>
    <message>
        <source>lr for x</source>
        <translation>x 的 lr</translation>
    </message>
    <message>
        <source>lr for y</source>
        <translation>y 的 lr</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>no race</source>
        <translation>没有竞赛</translation>
    </message>
    <message>
        <source>tolerance {text!r}: expected a number &gt;= 0</source>
        <translation>容差 {text!r}：应为 &gt;= 0 的数</translation>
    </message>
    <message>
        <source>no racer to map</source>
        <translation>没有可绘制地图的参赛者</translation>
    </message>
    <message>
        <source>{text!r} is not a number</source>
        <translation>{text!r} 不是数字</translation>
    </message>
    <message>
        <source>no racer to sweep</source>
        <translation>没有可扫描的参赛者</translation>
    </message>
    <message>
        <source>pick two hyperparameters</source>
        <translation>请选择两个超参数</translation>
    </message>
    <message>
        <source>computing {count} maps: {m} M point-steps</source>
        <translation>正在计算 {count} 张地图：{m} M 点·步</translation>
    </message>
    <message>
        <source>computing 1 map: {m} M point-steps</source>
        <translation>正在计算 1 张地图：{m} M 点·步</translation>
    </message>
    <message>
        <source>from the cache</source>
        <translation>来自缓存</translation>
    </message>
    <message>
        <source>{took}, {rate} M point-steps/s</source>
        <translation>{took}，{rate} M 点·步/秒</translation>
    </message>
    <message>
        <source>; click a cell to start the race there</source>
        <translation>；点击一个格子，竞赛即从该处开始</translation>
    </message>
    <message>
        <source>; click a cell to use its settings</source>
        <translation>；点击一个格子即采用它的设置</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Exporting animation</source>
        <translation>正在导出动画</translation>
    </message>
    <message>
        <source>Export animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <source>frames/s</source>
        <translation>帧/秒</translation>
    </message>
    <message>
        <source>GIF delays are whole hundredths of a second: a GIF plays at most 50 frames/s</source>
        <translation>GIF 的帧间隔以百分之一秒为单位：GIF 最多以 50 帧/秒播放</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>速度：</translation>
    </message>
    <message>
        <source>Steps per frame:</source>
        <translation>每帧步数：</translation>
    </message>
    <message>
        <source>Show the loss panel beside the map</source>
        <translation>在等高线图旁显示损失面板</translation>
    </message>
    <message>
        <source>Frame size:</source>
        <translation>帧尺寸：</translation>
    </message>
    <message>
        <source>{frames} frames, {seconds} s at {fps} frames/s (fewer if every racer stops early)</source>
        <translation>{frames} 帧，以 {fps} 帧/秒播放 {seconds} 秒（若所有参赛者提前停止则更少）</translation>
    </message>
    <message>
        <source>the animation</source>
        <translation>动画</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is a pipe or a device: an animation is written to a regular file</source>
        <translation>“{path}”是管道或设备：动画只能写入普通文件</translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation>已取消：未写入任何文件。</translation>
    </message>
    <message>
        <source>Animation export cancelled: no file was written</source>
        <translation>动画导出已取消：未写入任何文件</translation>
    </message>
    <message>
        <source>Image saved: {path}</source>
        <translation>图像已保存：{path}</translation>
    </message>
    <message>
        <source>Animation saved: {path} ({frames} frames)</source>
        <translation>动画已保存：{path}（{frames} 帧）</translation>
    </message>
    <message>
        <source>exporting to &apos;{path}&apos; failed: {reason}</source>
        <translation>导出到“{path}”失败：{reason}</translation>
    </message>
    <message>
        <source>not enough memory for a {width} x {height} image</source>
        <translation>内存不足，无法生成 {width} x {height} 的图像</translation>
    </message>
    <message>
        <source>could not start painting the image</source>
        <translation>无法开始绘制图像</translation>
    </message>
    <message>
        <source>the panel has no size yet (is the window shown?)</source>
        <translation>面板还没有尺寸（窗口是否已显示？）</translation>
    </message>
    <message>
        <source>the window has no size yet (is it shown?)</source>
        <translation>窗口还没有尺寸（是否已显示？）</translation>
    </message>
    <message>
        <source>the PNG exporter failed (returned False)</source>
        <translation>PNG 导出器失败（返回 False）</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation>第 {step} 步</translation>
    </message>
    <message>
        <source>the SVG exporter failed ({reason})</source>
        <translation>SVG 导出器失败（{reason}）</translation>
    </message>
    <message>
        <source>the SVG exporter failed (returned {data})</source>
        <translation>SVG 导出器失败（返回 {data}）</translation>
    </message>
    <message>
        <source>the SVG exporter wrote no &lt;svg&gt; document</source>
        <translation>SVG 导出器没有写出 &lt;svg&gt; 文档</translation>
    </message>
    <message>
        <source>the 3-D view is exported as PNG only (it is a rendered OpenGL scene)</source>
        <translation>三维视图只能导出为 PNG（它是渲染出的 OpenGL 场景）</translation>
    </message>
    <message>
        <source>the 3-D view cannot be exported: {reason}</source>
        <translation>无法导出三维视图：{reason}</translation>
    </message>
    <message>
        <source>the 3-D view rendered an empty image</source>
        <translation>三维视图渲染出的图像为空</translation>
    </message>
    <message>
        <source>Optimizer&apos;s own rate</source>
        <translation>优化器自身的学习率</translation>
    </message>
    <message>
        <source>Observed |Δθ / g|</source>
        <translation>观测值 |Δθ / g|</translation>
    </message>
    <message>
        <source>Distance to min</source>
        <translation>到极小值距离</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Steps to tol</source>
        <translation>达到容差的步数</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Rank: with a tolerance set, racers that converged first (fewest steps to the tolerance first), then the others by final loss gap; without one, by final loss gap f − f*. Diverged racers come last.</source>
        <translation>名次：设置了容差时，先排已收敛的参赛者（达到容差的步数少者在前），其余按最终损失差距排；未设置容差时按最终损失差距 f − f* 排。发散的参赛者排在最后。</translation>
    </message>
    <message>
        <source>The racer (its colour on the map and the plots)</source>
        <translation>参赛者（它在地图和图表中的颜色）</translation>
    </message>
    <message>
        <source>Final loss gap f − f*: how far above the surface&apos;s minimum value the racer&apos;s loss is (the loss f itself where the minimum value is unknown)</source>
        <translation>最终损失差距 f − f*：参赛者的损失高出曲面最小值多少（最小值未知时即损失 f 本身）</translation>
    </message>
    <message>
        <source>Distance from the racer&apos;s position to the nearest known minimum</source>
        <translation>参赛者当前位置到最近的已知极小值的距离</translation>
    </message>
    <message>
        <source>Steps the racer has taken</source>
        <translation>参赛者已走的步数</translation>
    </message>
    <message>
        <source>ready (no step taken yet), running (budget left), budget used, converged (|grad| reached the tolerance) or diverged, with the step</source>
        <translation>就绪（尚未走步）、运行中（预算未用完）、预算用尽、收敛（|grad| 达到容差）或发散，并注明发生的步</translation>
    </message>
    <message>
        <source>Steps it took to reach |grad| ≤ tolerance (empty if it has not)</source>
        <translation>达到 |grad| ≤ 容差所用的步数（未达到则为空）</translation>
    </message>
    <message>
        <source>Computing time spent on this racer&apos;s steps (total); the tooltip gives the time per step</source>
        <translation>计算该参赛者各步所花的时间（总计）；提示中给出每步的时间</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>步数预算</translation>
    </message>
    <message>
        <source> steps</source>
        <translation> 步</translation>
    </message>
    <message>
        <source>Step budget: the race stops after this many steps (raising it lets it go on)</source>
        <translation>步数预算：竞赛在这么多步之后停止（调高后可继续）</translation>
    </message>
    <message>
        <source>Stop at |grad| ≤</source>
        <translation>停止于 |grad| ≤</translation>
    </message>
    <message>
        <source>Stop a racer as converged once its gradient norm falls to the tolerance</source>
        <translation>参赛者的梯度范数降到容差时即视为收敛并停止</translation>
    </message>
    <message>
        <source>Loss f</source>
        <translation>损失 f</translation>
    </message>
    <message>
        <source>{us} µs per step</source>
        <translation>每步 {us} µs</translation>
    </message>
    <message>
        <source>{time} for {steps} steps: {per_step}</source>
        <translation>{steps} 步共 {time}：{per_step}</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>converged at {step}</source>
        <translation>第 {step} 步收敛</translation>
    </message>
    <message>
        <source>diverged at {step}</source>
        <translation>第 {step} 步发散</translation>
    </message>
    <message>
        <source>budget used</source>
        <translation>预算用尽</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Gradient Arena session (*.json);;All files (*)</source>
        <translation>Gradient Arena 会话 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>{tip} ({shortcut})</source>
        <translation>{tip}（{shortcut}）</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Play or pause the race</source>
        <translation>播放或暂停竞赛</translation>
    </message>
    <message>
        <source>Step</source>
        <comment>button</comment>
        <translation>单步</translation>
    </message>
    <message>
        <source>Take one step</source>
        <translation>前进一步</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Restart every racer from the start</source>
        <translation>让所有参赛者从起点重新开始</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>重置视图</translation>
    </message>
    <message>
        <source>Show the whole surface again</source>
        <translation>重新显示整个曲面</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Quit Gradient Arena</source>
        <translation>退出 Gradient Arena</translation>
    </message>
    <message>
        <source>Gradient field</source>
        <translation>梯度场</translation>
    </message>
    <message>
        <source>Draw the direction of steepest descent, −∇f, over the map (longer arrows: steeper)</source>
        <translation>在等高线图上绘制最速下降方向 −∇f（箭头越长：越陡）</translation>
    </message>
    <message>
        <source>Inspect previous step</source>
        <translation>检查上一步</translation>
    </message>
    <message>
        <source>The Inspector&apos;s step one back</source>
        <translation>检查器后退一步</translation>
    </message>
    <message>
        <source>Inspect next step</source>
        <translation>检查下一步</translation>
    </message>
    <message>
        <source>The Inspector&apos;s step one on</source>
        <translation>检查器前进一步</translation>
    </message>
    <message>
        <source>Inspect the start</source>
        <translation>检查起点</translation>
    </message>
    <message>
        <source>The Inspector at the start (the curvature there)</source>
        <translation>检查器回到起点（查看那里的曲率）</translation>
    </message>
    <message>
        <source>Inspect last step</source>
        <translation>检查最后一步</translation>
    </message>
    <message>
        <source>The Inspector at the last step taken</source>
        <translation>检查器跳到已走的最后一步</translation>
    </message>
    <message>
        <source>Open session…</source>
        <translation>打开会话…</translation>
    </message>
    <message>
        <source>Open a saved race (session file)</source>
        <translation>打开保存的竞赛（会话文件）</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>Save this race as a session file</source>
        <translation>将本次竞赛保存为会话文件</translation>
    </message>
    <message>
        <source>Save session as…</source>
        <translation>会话另存为…</translation>
    </message>
    <message>
        <source>Save this race under a new name</source>
        <translation>以新名称保存本次竞赛</translation>
    </message>
    <message>
        <source>Load data…</source>
        <translation>加载数据…</translation>
    </message>
    <message>
        <source>Fit linear regression (x, y columns) or logistic regression (x1, x2, label) to your own CSV file</source>
        <translation>用你自己的 CSV 文件拟合线性回归（x、y 两列）或逻辑回归（x1、x2、label 三列）</translation>
    </message>
    <message>
        <source>Export image…</source>
        <translation>导出图像…</translation>
    </message>
    <message>
        <source>Save the map, a panel or the whole window as PNG or SVG</source>
        <translation>将等高线图、某个面板或整个窗口保存为 PNG 或 SVG</translation>
    </message>
    <message>
        <source>Export animation…</source>
        <translation>导出动画…</translation>
    </message>
    <message>
        <source>Save the race as an animated GIF or MP4</source>
        <translation>将竞赛保存为 GIF 动画或 MP4</translation>
    </message>
    <message>
        <source>Export 3-D view…</source>
        <translation>导出三维视图…</translation>
    </message>
    <message>
        <source>Save the 3-D view (View &gt; 3-D view) as a PNG image</source>
        <translation>将三维视图（视图 &gt; 三维视图）保存为 PNG 图像</translation>
    </message>
    <message>
        <source>Export race CSV…</source>
        <translation>导出竞赛 CSV…</translation>
    </message>
    <message>
        <source>Every racer, every step, as CSV</source>
        <translation>每个参赛者的每一步，保存为 CSV</translation>
    </message>
    <message>
        <source>Export leaderboard CSV…</source>
        <translation>导出排行榜 CSV…</translation>
    </message>
    <message>
        <source>One row per racer</source>
        <translation>每个参赛者一行</translation>
    </message>
    <message>
        <source>Restore default layout</source>
        <translation>恢复默认布局</translation>
    </message>
    <message>
        <source>Put the docks back where they started</source>
        <translation>把各停靠面板放回原位</translation>
    </message>
    <message>
        <source>Click the map to start every racer there.  Space: play/pause, →: step, R: reset</source>
        <translation>点击等高线图，让所有参赛者从该处出发。  空格：播放/暂停，→：单步，R：重置</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>3-D view</source>
        <translation>三维视图</translation>
    </message>
    <message>
        <source>ready: no step taken yet; running; paused; finished (budget used or every racer stopped)</source>
        <translation>就绪：尚未走任何一步；运行中；已暂停；已结束（步数预算用完或所有参赛者都已停止）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open recent</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Copy racer as torch.optim code</source>
        <translation>将参赛者复制为 torch.optim 代码</translation>
    </message>
    <message>
        <source>A runnable torch script reproducing the selected racer&apos;s path, on the clipboard</source>
        <translation>把能复现所选参赛者路径的可运行 torch 脚本复制到剪贴板</translation>
    </message>
    <message>
        <source>&amp;Race</source>
        <translation>竞赛(&amp;R)</translation>
    </message>
    <message>
        <source>Tune all racers (fair race)…</source>
        <translation>为所有参赛者调参（公平竞赛）…</translation>
    </message>
    <message>
        <source>Search every racer&apos;s hyperparameters on the race&apos;s own budget and race the winners</source>
        <translation>在本次竞赛的步数预算上搜索每个参赛者的超参数，并让最优者参赛</translation>
    </message>
    <message>
        <source>Add racer</source>
        <translation>添加参赛者</translation>
    </message>
    <message>
        <source>&amp;Presets</source>
        <translation>预设(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Look inside one racer&apos;s step: its optimizer state, equations and the local curvature</source>
        <translation>查看某个参赛者一步之内的细节：优化器状态、公式和局部曲率</translation>
    </message>
    <message>
        <source>The surface in 3-D with every racer&apos;s path on it</source>
        <translation>三维曲面及其上每个参赛者的路径</translation>
    </message>
    <message>
        <source>Basins of attraction, hyperparameter sweeps and the trainability boundary</source>
        <translation>吸引域、超参数扫描和可训练性边界</translation>
    </message>
    <message>
        <source>Inspect step</source>
        <translation>检查某一步</translation>
    </message>
    <message>
        <source>Learning rate shows</source>
        <translation>学习率显示</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>About Gradient Arena</source>
        <translation>关于 Gradient Arena</translation>
    </message>
    <message>
        <source>Race</source>
        <translation>竞赛</translation>
    </message>
    <message>
        <source>{state} · step {step} of {total}</source>
        <translation>{state} · 第 {step} 步，共 {total} 步</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>−g: steepest descent</source>
        <translation>−g：最速下降方向</translation>
    </message>
    <message>
        <source>−m: momentum / first moment</source>
        <translation>−m：动量 / 一阶矩</translation>
    </message>
    <message>
        <source>−η⊙g: gradient scaled per parameter</source>
        <translation>−η⊙g：按参数缩放的梯度</translation>
    </message>
    <message>
        <source>Δθ: {racer}&apos;s update at step {step}</source>
        <translation>Δθ：{racer} 在第 {step} 步的更新</translation>
    </message>
    <message>
        <source>Settings not used: {reason}</source>
        <translation>设置未采用：{reason}</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>未改变</translation>
    </message>
    <message>
        <source>{racer}: {settings} (from the sweep)</source>
        <translation>{racer}：{settings}（来自扫描）</translation>
    </message>
    <message>
        <source>{racer}: {optimizer} with {settings}</source>
        <translation>{racer}：{optimizer}，{settings}</translation>
    </message>
    <message>
        <source>Surface not changed: {reason}</source>
        <translation>曲面未更改：{reason}</translation>
    </message>
    <message>
        <source>Problem not changed: {reason}</source>
        <translation>问题未更改：{reason}</translation>
    </message>
    <message>
        <source>Left out (not available for networks): {names}</source>
        <translation>已略去（网络上不可用）：{names}</translation>
    </message>
    <message>
        <source>Preset not opened</source>
        <translation>预设未打开</translation>
    </message>
    <message>
        <source>Preset &apos;{name}&apos; loaded: press Space to race</source>
        <translation>已载入预设“{name}”：按空格开始竞赛</translation>
    </message>
    <message>
        <source>Gradient Arena</source>
        <translation>Gradient Arena</translation>
    </message>
    <message>
        <source>{file} — Gradient Arena</source>
        <translation>{file} — Gradient Arena</translation>
    </message>
    <message>
        <source>Session not opened</source>
        <translation>会话未打开</translation>
    </message>
    <message>
        <source>{file} was not opened:
{reason}

The current race is unchanged.</source>
        <translation>{file} 未能打开：
{reason}

当前竞赛未改变。</translation>
    </message>
    <message>
        <source>Opened {path}</source>
        <translation>已打开 {path}</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>Session not saved</source>
        <translation>会话未保存</translation>
    </message>
    <message>
        <source>Could not save {path}:
{reason}</source>
        <translation>无法保存 {path}：
{reason}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Data not loaded</source>
        <translation>数据未加载</translation>
    </message>
    <message>
        <source>{error}

The current race is unchanged.</source>
        <translation>{error}

当前竞赛未改变。</translation>
    </message>
    <message>
        <source>Loaded {n} rows from {file}: {surface}</source>
        <translation>已从 {file} 加载 {n} 行：{surface}</translation>
    </message>
    <message>
        <source>Load data</source>
        <translation>加载数据</translation>
    </message>
    <message>
        <source>CSV data (*.csv *.txt);;All files (*)</source>
        <translation>CSV 数据 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Race CSV</source>
        <translation>竞赛 CSV</translation>
    </message>
    <message>
        <source>Leaderboard CSV</source>
        <translation>排行榜 CSV</translation>
    </message>
    <message>
        <source>{what} not written</source>
        <translation>{what}未写入</translation>
    </message>
    <message>
        <source>Could not write {path}:
{reason}</source>
        <translation>无法写入 {path}：
{reason}</translation>
    </message>
    <message>
        <source>Wrote {path}</source>
        <translation>已写入 {path}</translation>
    </message>
    <message>
        <source>Export race CSV</source>
        <translation>导出竞赛 CSV</translation>
    </message>
    <message>
        <source>Export leaderboard CSV</source>
        <translation>导出排行榜 CSV</translation>
    </message>
    <message>
        <source>Race gradient-descent optimizers on 2-D loss surfaces and watch their paths, losses and learning rates live.</source>
        <translation>让梯度下降优化器在二维损失曲面上竞赛，实时观察它们的路径、损失和学习率。</translation>
    </message>
    <message>
        <source>Every optimizer follows torch.optim step for step.</source>
        <translation>每个优化器都与 torch.optim 逐步一致。</translation>
    </message>
    <message>
        <source>Space: play/pause &amp;nbsp; →: step &amp;nbsp; R: reset &amp;nbsp; Ctrl+Q: quit</source>
        <translation>空格：播放/暂停 &amp;nbsp; →：单步 &amp;nbsp; R：重置 &amp;nbsp; Ctrl+Q：退出</translation>
    </message>
    <message>
        <source>Click the map (or drag the cross) to move the start.</source>
        <translation>点击等高线图（或拖动十字）以移动起点。</translation>
    </message>
    <message>
        <source>Licence: MIT (free to use, copy, modify and distribute; no warranty).</source>
        <translation>许可证：MIT（可自由使用、复制、修改和分发；不提供任何担保）。</translation>
    </message>
    <message>
        <source>{name} = {value}: eigen-direction</source>
        <translation>{name} = {value}：特征方向</translation>
    </message>
    <message>
        <source>PCA plane</source>
        <translation>PCA 平面</translation>
    </message>
    <message>
        <source>The plane of the first two principal components of all racers&apos; paths</source>
        <translation>所有参赛者路径的前两个主成分张成的平面</translation>
    </message>
    <message>
        <source>Random plane</source>
        <translation>随机平面</translation>
    </message>
    <message>
        <source>Two filter-normalized random directions around the racer with the lowest test loss (Li et al. 2018, Visualizing the Loss Landscape of Neural Nets)</source>
        <translation>以测试损失最低的参赛者为中心的两个滤波器归一化随机方向（Li 等 2018，Visualizing the Loss Landscape of Neural Nets）</translation>
    </message>
    <message>
        <source>computing…</source>
        <translation>计算中…</translation>
    </message>
    <message>
        <source>at step {step} ({seconds:.1f} s)</source>
        <translation>第 {step} 步（{seconds:.1f} 秒）</translation>
    </message>
    <message>
        <source>the panels have no size yet (is the window shown?)</source>
        <translation>面板尚无尺寸（窗口是否已显示？）</translation>
    </message>
    <message>
        <source>Reset view fits the map of a 2-D surface: a network race has no map</source>
        <translation>重置视图用于适配二维曲面的等高线图：网络竞赛没有等高线图</translation>
    </message>
    <message>
        <source>The gradient field is drawn over a 2-D surface&apos;s map: a network has thousands of parameters</source>
        <translation>梯度场画在二维曲面的等高线图上：网络有成千上万个参数</translation>
    </message>
    <message>
        <source>The 3-D view shows a 2-D surface: not available for networks</source>
        <translation>三维视图显示的是二维曲面：网络上不可用</translation>
    </message>
    <message>
        <source>The Inspector draws a step&apos;s arrows on a 2-D map: a network racer&apos;s state has thousands of numbers</source>
        <translation>检查器在二维等高线图上画出一步的箭头：网络参赛者的状态有成千上万个数</translation>
    </message>
    <message>
        <source>Basin maps and sweeps start racers all over a 2-D surface: not available for networks</source>
        <translation>吸引域图和扫描在二维曲面的各处放置起点：网络上不可用</translation>
    </message>
    <message>
        <source>Tuning searches on 2-D surfaces: not available for networks yet</source>
        <translation>调参在二维曲面上搜索：网络上暂不可用</translation>
    </message>
    <message>
        <source>The torch script reproduces a 2-D surface race: not available for networks</source>
        <translation>torch 脚本复现的是二维曲面上的竞赛：网络上不可用</translation>
    </message>
    <message>
        <source>On networks the learning-rate panel shows each layer&apos;s band (pick the layer in its header)</source>
        <translation>在网络上，学习率面板显示每一层的区间带（在其标题栏中选择层）</translation>
    </message>
    <message>
        <source>Stopping at a gradient tolerance applies to 2-D surfaces: a network race runs its budget</source>
        <translation>按梯度容差停止适用于二维曲面：网络竞赛会跑完步数预算</translation>
    </message>
    <message>
        <source>Network race: Space plays, → steps, R resets</source>
        <translation>网络竞赛：空格键播放，→ 单步，R 重置</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Image not written</source>
        <translation>图像未写入</translation>
    </message>
    <message>
        <source>GIF (*.gif);;MP4 video (*.mp4)</source>
        <translation>GIF (*.gif);;MP4 视频 (*.mp4)</translation>
    </message>
    <message>
        <source>Animation not written</source>
        <translation>动画未写入</translation>
    </message>
    <message>
        <source>Tune all racers</source>
        <translation>为所有参赛者调参</translation>
    </message>
    <message>
        <source>A fair race: each racer&apos;s hyperparameters are searched (random search over the registry&apos;s ranges,
its own setting included) on the race&apos;s own start and step budget; the best final loss gap
(or the fewest steps to the tolerance) wins and the race restarts with the winners.

Trials per racer:</source>
        <translation>公平竞赛：在本次竞赛自己的起点和步数预算上搜索每个参赛者的超参数（在注册表给出的范围内随机搜索，
包括其当前设置）；最终损失差距最小（或达到容差的步数最少）者胜出，
竞赛随后以胜出的设置重新开始。

每个参赛者的试验次数：</translation>
    </message>
    <message>
        <source>No racer to tune</source>
        <translation>没有可调参的参赛者</translation>
    </message>
    <message>
        <source>Tuning {racers} racers ({trials} trials x {steps} steps each)…</source>
        <translation>正在为 {racers} 个参赛者调参（每个 {trials} 次试验 x {steps} 步）…</translation>
    </message>
    <message>
        <source>Tuning failed</source>
        <translation>调参失败</translation>
    </message>
    <message>
        <source>Tuning cancelled: the race is as it was</source>
        <translation>调参已取消：竞赛保持原样</translation>
    </message>
    <message>
        <source>{racers} racers tuned, {trials} trials x {steps} steps each:</source>
        <translation>已为 {racers} 个参赛者调参，每个 {trials} 次试验 x {steps} 步：</translation>
    </message>
    <message>
        <source>Fair race: every racer tuned ({trials} trials x {steps} steps); the race runs the winners</source>
        <translation>公平竞赛：所有参赛者均已调参（{trials} 次试验 x {steps} 步）；竞赛使用胜出的设置</translation>
    </message>
    <message>
        <source>Fair race: what was tuned</source>
        <translation>公平竞赛：调参结果</translation>
    </message>
    <message>
        <source>Changes restart the race from the start.</source>
        <translation>修改后竞赛从起点重新开始。</translation>
    </message>
    <message>
        <source>&lt;i&gt;No racer selected.&lt;/i&gt;</source>
        <translation>&lt;i&gt;未选择参赛者。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Not applied: {reason}</source>
        <translation>未应用：{reason}</translation>
    </message>
    <message>
        <source>Update rule:</source>
        <translation>更新规则：</translation>
    </message>
    <message>
        <source>Effective learning rate recorded:</source>
        <translation>记录的有效学习率：</translation>
    </message>
    <message>
        <source>allowed: {range}</source>
        <translation>允许范围：{range}</translation>
    </message>
    <message>
        <source>default: {value}</source>
        <translation>默认值：{value}</translation>
    </message>
    <message>
        <source>{optimizer} update rule:</source>
        <translation>{optimizer} 的更新规则：</translation>
    </message>
    <message>
        <source>{name} on a log scale: 10^{low} to 10^{high}</source>
        <translation>{name}（对数刻度）：10^{low} 到 10^{high}</translation>
    </message>
    <message>
        <source>bowl (positive definite)</source>
        <translation>碗形（正定）</translation>
    </message>
    <message>
        <source>cap (negative definite: a maximum)</source>
        <translation>帽形（负定：极大值）</translation>
    </message>
    <message>
        <source>saddle (indefinite)</source>
        <translation>鞍形（不定）</translation>
    </message>
    <message>
        <source>flat along one direction (singular)</source>
        <translation>沿某一方向平坦（奇异）</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>Racer</source>
        <translation>参赛者</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>One step back ( , )</source>
        <translation>后退一步（ , ）</translation>
    </message>
    <message>
        <source>start</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>The step to look inside: the update from position step − 1 to position step (start: before any step)</source>
        <translation>要查看的步：从第 step − 1 步的位置到第 step 步的位置的更新（起点：尚未走任何一步）</translation>
    </message>
    <message>
        <source>One step on ( . )</source>
        <translation>前进一步（ . ）</translation>
    </message>
    <message>
        <source>Scrub through the race&apos;s steps (Home / End: first / last)</source>
        <translation>拖动浏览竞赛的各步（Home / End：第一步 / 最后一步）</translation>
    </message>
    <message>
        <source>before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>after</source>
        <translation>之后</translation>
    </message>
    <message>
        <source>holds</source>
        <translation>含义</translation>
    </message>
    <message>
        <source>Take a step, then pick it here to see the update written out.</source>
        <translation>先走一步，再在这里选中它，即可看到写出的更新过程。</translation>
    </message>
    <message>
        <source>On the map, from θ (same length, to compare directions): &lt;span style=&apos;color:#505050&apos;&gt;━ −g steepest descent&lt;/span&gt;  &lt;span style=&apos;color:#7e2f8e&apos;&gt;━ −m momentum&lt;/span&gt;  &lt;span style=&apos;color:#008080&apos;&gt;━ −η⊙g per-parameter rates&lt;/span&gt;  ━ Δθ the update (racer&apos;s colour); dashed: the Hessian&apos;s eigen-directions, &lt;span style=&apos;color:#006ec8&apos;&gt;λmin&lt;/span&gt; and &lt;span style=&apos;color:#c83c00&apos;&gt;λmax&lt;/span&gt;</source>
        <translation>地图上自 θ 出发（长度相同，便于比较方向）：&lt;span style=&apos;color:#505050&apos;&gt;━ −g 最速下降&lt;/span&gt;  &lt;span style=&apos;color:#7e2f8e&apos;&gt;━ −m 动量&lt;/span&gt;  &lt;span style=&apos;color:#008080&apos;&gt;━ −η⊙g 逐参数学习率&lt;/span&gt;  ━ Δθ 更新量（参赛者的颜色）；虚线：黑塞矩阵（Hessian）的特征方向，&lt;span style=&apos;color:#006ec8&apos;&gt;λmin&lt;/span&gt; 与 &lt;span style=&apos;color:#c83c00&apos;&gt;λmax&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Use GD optimum</source>
        <translation>采用 GD 最优设置</translation>
    </message>
    <message>
        <source>Make the racer SGD with lr* = 2 / (λmin + λmax) (restarts the race)</source>
        <translation>将该参赛者设为 SGD，lr* = 2 / (λmin + λmax)（竞赛重新开始）</translation>
    </message>
    <message>
        <source>Use momentum optimum</source>
        <translation>采用动量最优设置</translation>
    </message>
    <message>
        <source>Make the racer heavy-ball momentum with lr* = (2 / (√λmin + √λmax))² and β* = ((√κ − 1) / (√κ + 1))² (Goh 2017; restarts the race)</source>
        <translation>将该参赛者设为重球动量法，lr* = (2 / (√λmin + √λmax))²，β* = ((√κ − 1) / (√κ + 1))²（Goh 2017；竞赛重新开始）</translation>
    </message>
    <message>
        <source>Linear rate (error × r per step): predicted for each racer&apos;s settings on the start&apos;s local quadratic, and observed in the race</source>
        <translation>线性收敛率（误差每步乘以 r）：按各参赛者的设置在起点处的局部二次模型上预测的值，以及竞赛中观测到的值</translation>
    </message>
    <message>
        <source>racer</source>
        <translation>参赛者</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>observed</source>
        <translation>观测</translation>
    </message>
    <message>
        <source>predicted: the spectral radius of the racer&apos;s fixed update on the quadratic model at the start (SGD, momentum, Nesterov; — for optimizers that adapt their rates); observed: (|θ_n − θ*| / |θ_m − θ*|)^(1/(n − m)) over the race so far, toward the nearest known minimum</source>
        <translation>预测：参赛者的固定更新在起点处二次模型上的谱半径（SGD、动量、Nesterov；自适应调整学习率的优化器为 —）；观测：到目前为止的竞赛中朝最近的已知极小值的 (|θ_n − θ*| / |θ_m − θ*|)^(1/(n − m))</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>gradient given to the optimizer</source>
        <translation>交给优化器的梯度</translation>
    </message>
    <message>
        <source>learning rate in effect</source>
        <translation>生效的学习率</translation>
    </message>
    <message>
        <source>effective lr</source>
        <translation>有效 lr</translation>
    </message>
    <message>
        <source>per parameter</source>
        <translation>逐参数</translation>
    </message>
    <message>
        <source>Local curvature</source>
        <translation>局部曲率</translation>
    </message>
    <message>
        <source>Local curvature at the start {point}</source>
        <translation>起点 {point} 处的局部曲率</translation>
    </message>
    <message>
        <source>Local curvature at θ of step {step} (where it started)</source>
        <translation>第 {step} 步的 θ 处（该步起始处）的局部曲率</translation>
    </message>
    <message>
        <source>gradient descent stable for lr &lt; 2/λmax = {lr}</source>
        <translation>lr &lt; 2/λmax = {lr} 时梯度下降稳定</translation>
    </message>
    <message>
        <source>GD optimum: lr* = {lr}, error × {rate} per step</source>
        <translation>GD 最优：lr* = {lr}，误差每步 × {rate}</translation>
    </message>
    <message>
        <source>momentum optimum: lr* = {lr}, β* = {beta}, error × {rate} per step</source>
        <translation>动量最优：lr* = {lr}，β* = {beta}，误差每步 × {rate}</translation>
    </message>
    <message>
        <source>steps per e-fold of the error: GD {gd}, momentum {momentum}</source>
        <translation>误差缩小为 1/e 所需步数：GD {gd}，动量 {momentum}</translation>
    </message>
    <message>
        <source>no optimal fixed settings: the local quadratic has no minimum</source>
        <translation>没有最优的固定设置：局部二次模型没有极小值</translation>
    </message>
    <message>
        <source>replaying to step {step}…  (once per racer; later looks are quick)</source>
        <translation>正在重放到第 {step} 步…（每个参赛者只需一次；之后查看很快）</translation>
    </message>
    <message>
        <source>full data</source>
        <translation>全部数据</translation>
    </message>
    <message>
        <source>allowed: {range}, default {default}</source>
        <translation>允许范围：{range}，默认 {default}</translation>
    </message>
    <message>
        <source>batch_size applies on data surfaces; noise on any surface. Changes restart the race.</source>
        <translation>batch_size 仅作用于数据曲面；noise 作用于任何曲面。修改后竞赛重新开始。</translation>
    </message>
    <message>
        <source>1 = SGD, {n} = every point; 0 = full data (batch gradient descent)</source>
        <translation>1 = SGD，{n} = 全部数据点；0 = 全部数据（批量梯度下降）</translation>
    </message>
    <message>
        <source>only on data surfaces (linear_regression, logistic_regression)</source>
        <translation>仅用于数据曲面（linear_regression、logistic_regression）</translation>
    </message>
    <message>
        <source>lr(t): {first} at step 1 → {last} at step {steps} (max {max})</source>
        <translation>lr(t)：{first} → {last}（{steps} 步，最大 {max}）</translation>
    </message>
    <message>
        <source>Tick to show or hide a racer; double-click to rename</source>
        <translation>勾选以显示或隐藏参赛者；双击可重命名</translation>
    </message>
    <message>
        <source>Add ▾</source>
        <translation>添加 ▾</translation>
    </message>
    <message>
        <source>Add a racer with any optimizer</source>
        <translation>添加一个使用任意优化器的参赛者</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the selected racer</source>
        <translation>移除选中的参赛者</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the selected racer (e.g. to race it at another learning rate)</source>
        <translation>复制选中的参赛者（例如用另一个学习率参赛）</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>颜色…</translation>
    </message>
    <message>
        <source>Change the selected racer&apos;s colour</source>
        <translation>更改选中参赛者的颜色</translation>
    </message>
    <message>
        <source>Copy as torch</source>
        <translation>复制为 torch 代码</translation>
    </message>
    <message>
        <source>Copy the selected racer as torch.optim code: a short runnable script that reproduces its path</source>
        <translation>将选中的参赛者复制为 torch.optim 代码：一段可运行、能重现其路径的简短脚本</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Batches, noise, lr schedule</source>
        <translation>批量、噪声、学习率调度</translation>
    </message>
    <message>
        <source>Copy as torch.optim code</source>
        <translation>复制为 torch.optim 代码</translation>
    </message>
    <message>
        <source>Not copied: the torch script reproduces a 2-D surface race, not a network&apos;s</source>
        <translation>未复制：torch 脚本复现的是二维曲面上的竞赛，而不是网络的</translation>
    </message>
    <message>
        <source>Not copied: {reason}</source>
        <translation>未复制：{reason}</translation>
    </message>
    <message>
        <source>Copied {racer} as torch.optim code ({steps} steps): paste it into a .py file</source>
        <translation>已将 {racer} 复制为 torch.optim 代码（{steps} 步）：请粘贴到一个 .py 文件中</translation>
    </message>
    <message>
        <source>Colour of {racer}</source>
        <translation>{racer} 的颜色</translation>
    </message>
    <message>
        <source>allowed: [{low}, {high}], default {default}</source>
        <translation>允许范围：[{low}, {high}]，默认 {default}</translation>
    </message>
    <message>
        <source>Surface</source>
        <translation>曲面</translation>
    </message>
    <message>
        <source>The racers train a neural network (a multilayer perceptron) on this data set: the panels show its losses, test accuracy, per-layer learning rates and loss landscape</source>
        <translation>参赛者在这个数据集上训练一个神经网络（多层感知机）：面板显示其损失、测试准确率、逐层学习率和损失地形</translation>
    </message>
    <message>
        <source>Your formula…</source>
        <translation>自定义公式…</translation>
    </message>
    <message>
        <source>Type f(x, y): e.g. sin(x)*cos(y) + 0.1*(x**2 + y**2)</source>
        <translation>输入 f(x, y)：例如 sin(x)*cos(y) + 0.1*(x**2 + y**2)</translation>
    </message>
    <message>
        <source>The loss surface; changing it restarts the race from its default start</source>
        <translation>损失曲面；更换后竞赛从其默认起点重新开始</translation>
    </message>
    <message>
        <source>e.g. sin(x)*cos(y) + 0.1*(x**2 + y**2)</source>
        <translation>例如 sin(x)*cos(y) + 0.1*(x**2 + y**2)</translation>
    </message>
    <message>
        <source>Python arithmetic in x, y and your parameters: + - * / ** ( ), pi, e and</source>
        <translation>关于 x、y 和你的参数的 Python 算式：+ - * / ** ( )、pi、e 以及</translation>
    </message>
    <message>
        <source>Exact derivatives by SymPy; press Enter or Apply</source>
        <translation>由 SymPy 求精确导数；按回车或“应用”</translation>
    </message>
    <message>
        <source>Parameters used in the formula, NAME=VALUE separated by commas</source>
        <translation>公式中使用的参数，格式 NAME=VALUE，以逗号分隔</translation>
    </message>
    <message>
        <source>The plotted range of x, LOW..HIGH</source>
        <translation>x 的绘制范围，LOW..HIGH</translation>
    </message>
    <message>
        <source>The plotted range of y, LOW..HIGH</source>
        <translation>y 的绘制范围，LOW..HIGH</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>定义域</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Race on this formula (the race restarts from its default start)</source>
        <translation>在此公式上竞赛（竞赛从其默认起点重新开始）</translation>
    </message>
    <message>
        <source>building…</source>
        <translation>正在构建…</translation>
    </message>
    <message>
        <source>SymPy is deriving the gradient and the Hessian; the race switches when done</source>
        <translation>SymPy 正在推导梯度与黑塞矩阵；完成后竞赛随即切换</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Hidden layers&apos; widths joined by x (100x100: two of 100 units); none: softmax regression</source>
        <translation>各隐藏层宽度，用 x 连接（100x100：两层，每层 100 个单元）；none：softmax 回归</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>The hidden layers&apos; activation (He init for ReLU, Xavier otherwise)</source>
        <translation>隐藏层的激活函数（ReLU 用 He 初始化，其余用 Xavier 初始化）</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>whole set</source>
        <translation>整个数据集</translation>
    </message>
    <message>
        <source>Every racer&apos;s mini-batch size (0: the whole training set each step)</source>
        <translation>每个参赛者的小批量大小（0：每步使用整个训练集）</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批量</translation>
    </message>
    <message>
        <source>Train this network (the race restarts)</source>
        <translation>训练这个网络（竞赛重新开始）</translation>
    </message>
    <message>
        <source>{params} parameters; {train} training and {test} test points, {classes} classes</source>
        <translation>{params} 个参数；{train} 个训练点和 {test} 个测试点，{classes} 个类别</translation>
    </message>
    <message>
        <source>Steps on NumPy only: {reason}</source>
        <translation>仅在 NumPy 上迭代：{reason}</translation>
    </message>
    <message>
        <source>Compiled (numba) once its kernels are built; same numbers as on NumPy, bit for bit</source>
        <translation>内核构建完成后以编译方式（numba）运行；与 NumPy 的结果逐位相同</translation>
    </message>
    <message>
        <source> and {count} more</source>
        <translation> 等另外 {count} 个</translation>
    </message>
    <message>
        <source>f* = {fmin} at {minima}</source>
        <translation>f* = {fmin}，位于 {minima}</translation>
    </message>
    <message>
        <source>no minimum (unbounded below)</source>
        <translation>没有最小值（无下界）</translation>
    </message>
    <message>
        <source>no lowest point inside the domain</source>
        <translation>定义域内没有最低点</translation>
    </message>
    <message>
        <source> ({count} local minima)</source>
        <translation>（{count} 个局部极小值）</translation>
    </message>
    <message>
        <source>; {count} local minima</source>
        <translation>；{count} 个局部极小值</translation>
    </message>
    <message>
        <source>fitted to {n} rows loaded from {file}</source>
        <translation>拟合自 {file} 中加载的 {n} 行</translation>
    </message>
    <message>
        <source>a file</source>
        <translation>某个文件</translation>
    </message>
    <message>
        <source>intercept b₀</source>
        <translation>截距 b₀</translation>
    </message>
    <message>
        <source>slope b₁</source>
        <translation>斜率 b₁</translation>
    </message>
    <message>
        <source>weight w₁</source>
        <translation>权重 w₁</translation>
    </message>
    <message>
        <source>weight w₂</source>
        <translation>权重 w₂</translation>
    </message>
    <message>
        <source>Surface and paths</source>
        <translation>曲面与路径</translation>
    </message>
    <message>
        <source>Start point: drag it, or click anywhere on the map</source>
        <translation>起点：拖动它，或点击地图上任意位置</translation>
    </message>
    <message>
        <source>label 0</source>
        <translation>标签 0</translation>
    </message>
    <message>
        <source>label 1</source>
        <translation>标签 1</translation>
    </message>
    <message>
        <source>true model</source>
        <translation>真实模型</translation>
    </message>
    <message>
        <source>best fit (f*)</source>
        <translation>最佳拟合 (f*)</translation>
    </message>
    <message>
        <source>The data panel shows the data of the data-fit surfaces (linear_regression, logistic_regression).</source>
        <translation>数据面板显示数据拟合曲面（linear_regression、logistic_regression）的数据。</translation>
    </message>
    <message>
        <source>{n} data points (x, y) and each racer&apos;s line y = b₀ + b₁ x</source>
        <translation>{n} 个数据点 (x, y) 以及各参赛者的直线 y = b₀ + b₁ x</translation>
    </message>
    <message>
        <source>{n} labelled points (○ label 0, × label 1) and each racer&apos;s decision boundary w·x = 0</source>
        <translation>{n} 个带标签的点（○ 标签 0，× 标签 1）以及各参赛者的决策边界 w·x = 0</translation>
    </message>
    <message>
        <source>feature 1</source>
        <translation>特征 1</translation>
    </message>
    <message>
        <source>feature 2</source>
        <translation>特征 2</translation>
    </message>
    <message>
        <source>The learning rate the optimizer itself applies to each parameter at each step: lr for SGD, lr / (√v̂ + ε) for Adam and the other adaptive methods (the rule of each optimizer is in its tooltip). It leaves out momentum.</source>
        <extracomment>what each &quot;Show:&quot; choice means (the choice&apos;s tooltip here and in View &gt; Learning rate), in English: shown through tr()</extracomment>
        <translation>优化器自身在每一步对每个参数施加的学习率：SGD 为 lr，Adam 及其他自适应方法为 lr / (√v̂ + ε)（各优化器的规则见其提示）。不计入动量。</translation>
    </message>
    <message>
        <source>The step actually taken per unit of gradient, |−Δθ / g|, per parameter: comparable across every optimizer, momentum included (a step against the gradient shows as a spike).</source>
        <translation>每单位梯度实际走的步长 |−Δθ / g|（逐参数）：可在所有优化器之间比较，包括动量（逆梯度方向的一步显示为尖峰）。</translation>
    </message>
    <message>
        <source>Effective learning rate</source>
        <translation>有效学习率</translation>
    </message>
    <message>
        <source>optimizer&apos;s own rate</source>
        <translation>优化器自身的学习率</translation>
    </message>
    <message>
        <source>observed |Δθ / g|</source>
        <translation>观测 |Δθ / g|</translation>
    </message>
    <message>
        <source>Learning rate · x: racer&apos;s line, y: dotted</source>
        <translation>学习率 · x：实线，y：点线</translation>
    </message>
    <message>
        <source>own lr</source>
        <translation>自身 lr</translation>
    </message>
    <message>
        <source>f − f*  (log)</source>
        <translation>f − f*（对数）</translation>
    </message>
    <message>
        <source>The gap to the surface&apos;s global minimum value f*, on a log axis: how many decades each racer still has to go (the surface&apos;s known f* is in the Surface dock).</source>
        <translation>与曲面全局最小值 f* 的差距（对数坐标轴）：各参赛者还差几个数量级（曲面的已知 f* 见“曲面”面板）。</translation>
    </message>
    <message>
        <source>f  (log)</source>
        <translation>f（对数）</translation>
    </message>
    <message>
        <source>The loss itself on a log axis (values at or below 0 leave the chart).</source>
        <translation>损失本身（对数坐标轴；小于等于 0 的值不显示）。</translation>
    </message>
    <message>
        <source>f  (linear)</source>
        <translation>f（线性）</translation>
    </message>
    <message>
        <source>The loss itself on a linear axis: differences near the minimum look flat.</source>
        <translation>损失本身（线性坐标轴）：极小值附近的差异看起来很平。</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>mini-batch loss</source>
        <translation>小批量损失</translation>
    </message>
    <message>
        <source>Also draw, fainter, the mini-batch loss each racer actually saw (racers with batch_size &gt; 0)</source>
        <translation>同时以浅色画出各参赛者实际看到的小批量损失（batch_size &gt; 0 的参赛者）</translation>
    </message>
    <message>
        <source>Loss gap f − f*</source>
        <translation>损失差距 f − f*</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>发散</translation>
    </message>
    <message>
        <source>converged</source>
        <translation>收敛</translation>
    </message>
    <message>
        <source>not converged in {steps} steps</source>
        <translation>{steps} 步内未收敛</translation>
    </message>
    <message>
        <source>neither in {steps} steps</source>
        <translation>{steps} 步内两者皆非</translation>
    </message>
    <message>
        <source>converged elsewhere (saddle / unlisted point)</source>
        <translation>收敛到别处（鞍点 / 未列出的点）</translation>
    </message>
    <message>
        <source>diverged (brighter: escaped sooner)</source>
        <translation>发散（越亮：逃逸越早）</translation>
    </message>
    <message>
        <source>converged (brighter: sooner)</source>
        <translation>收敛（越亮：越早）</translation>
    </message>
    <message>
        <source>{point} local</source>
        <translation>{point} 局部</translation>
    </message>
    <message>
        <source>minimum {index}</source>
        <translation>极小值 {index}</translation>
    </message>
    <message>
        <source>brighter: fewer steps to tolerance; x: the known minima</source>
        <translation>越亮：达到容差的步数越少；x：已知极小值</translation>
    </message>
    <message>
        <source>colour: steps to |grad| &lt;= {tol}, {lo} (dark) to {hi} (yellow)</source>
        <translation>颜色：达到 |grad| &lt;= {tol} 的步数，{lo}（深）到 {hi}（黄）</translation>
    </message>
    <message>
        <source>colour: log10 final loss gap, {lo} (dark) to {hi} (yellow)</source>
        <translation>颜色：log10 最终损失差距，{lo}（深）到 {hi}（黄）</translation>
    </message>
    <message>
        <source>trainability boundary (Sohl-Dickstein 2024)</source>
        <translation>可训练性边界（Sohl-Dickstein 2024）</translation>
    </message>
    <message>
        <source>gradient descent, a rate per parameter</source>
        <translation>梯度下降，每个参数一个学习率</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Loss: mini-batch (faint) and test (dots)</source>
        <translation>损失：小批量（浅色）与测试（圆点）</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>diverged at step {step}</source>
        <translation>第 {step} 步发散</translation>
    </message>
    <message>
        <source>Train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>The loss of the racer&apos;s last mini-batch (the training curve&apos;s last point)</source>
        <translation>参赛者最后一个小批量的损失（训练曲线的最后一点）</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>Accuracy on the test set at the racer&apos;s last evaluation</source>
        <translation>参赛者最近一次评估时在测试集上的准确率</translation>
    </message>
    <message>
        <source>Test loss</source>
        <translation>测试损失</translation>
    </message>
    <message>
        <source>Cross-entropy on the test set at the last evaluation (the rank&apos;s order)</source>
        <translation>最近一次评估时测试集上的交叉熵（名次依此排序）</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>准确率 (%)</translation>
    </message>
    <message>
        <source>Effective learning rate per layer (median, 10-90% band)</source>
        <translation>每层的有效学习率（中位数，10–90% 区间带）</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
    <message>
        <source>PCA plane of the paths</source>
        <translation>路径的 PCA 平面</translation>
    </message>
    <message>
        <source>random filter-normalized directions</source>
        <translation>随机的滤波器归一化方向</translation>
    </message>
    <message>
        <source>direction 1</source>
        <translation>方向 1</translation>
    </message>
    <message>
        <source>direction 2</source>
        <translation>方向 2</translation>
    </message>
    <message>
        <source>log10 loss</source>
        <translation>log10 损失</translation>
    </message>
    <message>
        <source>Loss landscape</source>
        <translation>损失地形</translation>
    </message>
    <message>
        <source>Loss landscape: PCA plane ({first} + {second} of the paths)</source>
        <translation>损失地形：PCA 平面（解释路径的 {first} + {second}）</translation>
    </message>
    <message>
        <source>Loss landscape: filter-normalized random plane (Li et al. 2018)</source>
        <translation>损失地形：滤波器归一化的随机平面（Li 等，2018）</translation>
    </message>
    <message>
        <source>step {value:.0f}</source>
        <translation>第 {value:.0f} 步</translation>
    </message>
    <message>
        <source>The 3-D view needs OpenGL, which the &apos;{platform}&apos; display platform does not provide. Open the window on a desktop (or under xvfb-run) to see it.</source>
        <translation>三维视图需要 OpenGL，而“{platform}”显示平台不提供。请在桌面环境（或 xvfb-run 下）打开窗口查看。</translation>
    </message>
    <message>
        <source>The 3-D view needs PyOpenGL: {error}</source>
        <translation>三维视图需要 PyOpenGL：{error}</translation>
    </message>
    <message>
        <source>The 3-D view needs OpenGL, and this display could not create an OpenGL context.</source>
        <translation>三维视图需要 OpenGL，而此显示无法创建 OpenGL 上下文。</translation>
    </message>
    <message>
        <source>Log height</source>
        <translation>对数高度</translation>
    </message>
    <message>
        <source>Height log10(f − f_min): shows the decades of surfaces like Rosenbrock</source>
        <translation>高度取 log10(f − f_min)：显示 Rosenbrock 等曲面跨越的数量级</translation>
    </message>
    <message>
        <source>Save PNG…</source>
        <translation>保存 PNG…</translation>
    </message>
    <message>
        <source>Save the 3-D view as a PNG image (1600 px wide, or wider than on screen)</source>
        <translation>将三维视图保存为 PNG 图像（宽 1600 像素，或比屏幕上更宽）</translation>
    </message>
    <message>
        <source>Surface in 3-D</source>
        <translation>三维曲面</translation>
    </message>
    <message>
        <source>{surface} in 3-D</source>
        <translation>{surface}（三维）</translation>
    </message>
    <message>
        <source>no 3-D view</source>
        <translation>没有三维视图</translation>
    </message>
    <message>
        <source>Save the 3-D view</source>
        <translation>保存三维视图</translation>
    </message>
    <message>
        <source>3-D view not saved</source>
        <translation>三维视图未保存</translation>
    </message>
    <message>
        <source>could not write {path!r}</source>
        <translation>无法写入 {path!r}</translation>
    </message>
    <message>
        <source>1 step / {seconds} s</source>
        <translation>1 步 / {seconds} s</translation>
    </message>
    <message>
        <source>1 step/frame</source>
        <translation>1 步/帧</translation>
    </message>
    <message>
        <source>{steps} steps/frame</source>
        <translation>{steps} 步/帧</translation>
    </message>
    <message>
        <source>Playback speed: slow motion (one step every 1 s, 0.5 s or 0.25 s, to watch and explain each step) up to {max} steps per frame (about 60 frames per second). Type a number of steps per frame, or &apos;0.5 s&apos; for slow motion.</source>
        <translation>播放速度：从慢动作（每 1 s、0.5 s 或 0.25 s 一步，便于观察和讲解每一步）到每帧 {max} 步（约每秒 60 帧）。可输入每帧步数，或输入“0.5 s”表示慢动作。</translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>The step the Inspector looks inside (View &gt; Inspector)</source>
        <translation>检查器查看的步（视图 &gt; 检查器）</translation>
    </message>
    <message>
        <source>Drag through the race&apos;s steps (Home / End: first / last; 0: the start)</source>
        <translation>拖动浏览竞赛的各步（Home / End：第一步 / 最后一步；0：起点）</translation>
    </message>
    <message>
        <source>start of {last}</source>
        <translation>起点 / 共 {last} 步</translation>
    </message>
    <message>
        <source>step {step} of {last}</source>
        <translation>第 {step} 步 / 共 {last} 步</translation>
    </message>
</context>
<context>
    <name>network</name>
    <message>
        <source>MLP on digits</source>
        <extracomment>the network problems the Surface dock offers: (data set, its title)</extracomment>
        <translation>手写数字上的 MLP</translation>
    </message>
    <message>
        <source>MLP on two moons</source>
        <translation>双月数据上的 MLP</translation>
    </message>
    <message>
        <source>MLP on two circles</source>
        <translation>双圆数据上的 MLP</translation>
    </message>
    <message>
        <source>MLP on three spirals</source>
        <translation>三螺旋数据上的 MLP</translation>
    </message>
</context>
</TS>
