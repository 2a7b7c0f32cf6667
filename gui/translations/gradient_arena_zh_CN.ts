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
        <source>Cancel</source>
        <translation>取消</translation>
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
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
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
        <source>{title}  ({name})</source>
        <translation>{title}  ({name})</translation>
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
        <source>Gradient Arena: {problem}</source>
        <translation>Gradient Arena：{problem}</translation>
    </message>
    <message>
        <source>step {step} / {total}</source>
        <translation>第 {step} / {total} 步</translation>
    </message>
    <message>
        <source>computing…</source>
        <translation>计算中…</translation>
    </message>
    <message>
        <source>at step {step} ({seconds} s)</source>
        <translation>第 {step} 步（{seconds} 秒）</translation>
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
</context>
</TS>
