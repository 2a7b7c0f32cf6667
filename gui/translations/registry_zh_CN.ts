<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>errors</name>
    <message>
        <source>{where}{key}={value}: {reason}</source>
        <translation>{where}{key}={value}：{reason}</translation>
    </message>
    <message>
        <source>must be {range}</source>
        <translation>必须 {range}</translation>
    </message>
    <message>
        <source>must be a number {range}</source>
        <translation>必须是数字，{range}</translation>
    </message>
    <message>
        <source>must be a whole number {range}</source>
        <translation>必须是整数，{range}</translation>
    </message>
    <message>
        <source>is too large: must be {range}</source>
        <translation>太大：必须 {range}</translation>
    </message>
    <message>
        <source>is not a finite number: must be {range}</source>
        <translation>不是有限数：必须 {range}</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>必须是 true 或 false</translation>
    </message>
    <message>
        <source>any number</source>
        <translation>任意数</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>in {interval}</source>
        <translation>在 {interval} 内</translation>
    </message>
    <message>
        <source>{key}: {text} is not a number</source>
        <translation>{key}：{text} 不是数字</translation>
    </message>
    <message>
        <source>nesterov=true needs momentum &gt; 0 (got momentum={value})</source>
        <translation>nesterov=true 需要 momentum &gt; 0（当前 momentum={value}）</translation>
    </message>
    <message>
        <source>nesterov=true needs dampening = 0 (got dampening={value})</source>
        <translation>nesterov=true 需要 dampening = 0（当前 dampening={value}）</translation>
    </message>
    <message>
        <source>needs momentum &gt; 0</source>
        <translation>需要 momentum &gt; 0</translation>
    </message>
    <message>
        <source>needs dampening = 0</source>
        <translation>需要 dampening = 0</translation>
    </message>
    <message>
        <source>batch_size needs a data surface (linear_regression or logistic_regression); use noise=... for stochastic gradients on an analytic surface</source>
        <translation>batch_size 需要数据曲面（linear_regression 或 logistic_regression）；在解析曲面上请用 noise=... 得到随机梯度</translation>
    </message>
    <message>
        <source>needs a data surface (linear_regression or logistic_regression)</source>
        <translation>需要数据曲面（linear_regression 或 logistic_regression）</translation>
    </message>
    <message>
        <source>batch_size={n} is larger than the data set (n={size})</source>
        <translation>batch_size={n} 大于数据集（n={size}）</translation>
    </message>
    <message>
        <source>is not a hyperparameter of {owner} (valid: {names})</source>
        <translation>不是 {owner} 的超参数（有效的：{names}）</translation>
    </message>
    <message>
        <source>not valid JSON (line {line}, column {column}: {detail}); the file may be damaged or truncated</source>
        <translation>不是有效的 JSON（第 {line} 行，第 {column} 列：{detail}）；文件可能已损坏或被截断</translation>
    </message>
    <message>
        <source>unknown hyperparameter {key} for {owner}; valid: {names}</source>
        <translation>{owner} 没有超参数 {key}；有效的：{names}</translation>
    </message>
    <message>
        <source>unknown optimizer {name}; valid optimizers: {names}</source>
        <translation>未知的优化器 {name}；有效的优化器：{names}</translation>
    </message>
    <message>
        <source>unknown preset &apos;{name}&apos; (a preset name, not a path); valid presets: {names}</source>
        <translation>未知的预设“{name}”（应为预设名称，而非路径）；有效的预设：{names}</translation>
    </message>
    <message>
        <source>unknown preset &apos;{name}&apos;; valid presets: {names}</source>
        <translation>未知的预设“{name}”；有效的预设：{names}</translation>
    </message>
    <message>
        <source>{key}: {reason} (got {text})</source>
        <translation>{key}：{reason}（输入为 {text}）</translation>
    </message>
    <message>
        <source>{key}: {text} {reason}</source>
        <translation>{key}：{text} {reason}</translation>
    </message>
</context>
<context>
    <name>hyperparameters</name>
    <message>
        <source>learning rate (step size)</source>
        <translation>学习率（步长）</translation>
    </message>
    <message>
        <source>momentum factor (0 = none)</source>
        <translation>动量因子（0 = 无）</translation>
    </message>
    <message>
        <source>dampening of the momentum: b = momentum*b + (1-dampening)*g</source>
        <translation>动量的阻尼：b = momentum*b + (1-dampening)*g</translation>
    </message>
    <message>
        <source>L2 penalty: weight_decay * theta is added to the gradient</source>
        <translation>L2 惩罚：在梯度上加 weight_decay * theta</translation>
    </message>
    <message>
        <source>use Nesterov momentum (needs momentum &gt; 0 and dampening = 0)</source>
        <translation>使用 Nesterov 动量（需要 momentum &gt; 0 且 dampening = 0）</translation>
    </message>
    <message>
        <source>learning-rate decay: lr / (1 + (t-1) lr_decay)</source>
        <translation>学习率衰减：lr / (1 + (t-1) lr_decay)</translation>
    </message>
    <message>
        <source>starting value of the sum of squared gradients S</source>
        <translation>梯度平方之和 S 的初值</translation>
    </message>
    <message>
        <source>term added to the denominator for numerical stability</source>
        <translation>加到分母上以保证数值稳定的项</translation>
    </message>
    <message>
        <source>smoothing constant of the squared-gradient average</source>
        <translation>梯度平方平均的平滑常数</translation>
    </message>
    <message>
        <source>normalise by the estimated variance of the gradient</source>
        <translation>按梯度的估计方差归一化</translation>
    </message>
    <message>
        <source>decay rate of the running averages</source>
        <translation>滑动平均的衰减率</translation>
    </message>
    <message>
        <source>decay rate of the running mean of gradients (betas[0] in torch)</source>
        <translation>梯度滑动平均的衰减率（torch 中的 betas[0]）</translation>
    </message>
    <message>
        <source>decay rate of the running mean of squared gradients (betas[1] in torch)</source>
        <translation>梯度平方滑动平均的衰减率（torch 中的 betas[1]）</translation>
    </message>
    <message>
        <source>use the maximum of past v (AMSGrad variant)</source>
        <translation>使用过去 v 的最大值（AMSGrad 变体）</translation>
    </message>
    <message>
        <source>apply weight decay as theta *= 1 - lr*weight_decay (AdamW style) instead of L2</source>
        <translation>以 theta *= 1 - lr*weight_decay 施加权重衰减（AdamW 方式）而非 L2</translation>
    </message>
    <message>
        <source>momentum schedule: mu_t = beta1 (1 - 0.5 * 0.96^(t momentum_decay))</source>
        <translation>动量调度：mu_t = beta1 (1 - 0.5 * 0.96^(t momentum_decay))</translation>
    </message>
    <message>
        <source>initial step size of every parameter</source>
        <translation>每个参数的初始步长</translation>
    </message>
    <message>
        <source>step-size factor after a sign flip (etas[0] in torch)</source>
        <translation>符号翻转后的步长因子（torch 中的 etas[0]）</translation>
    </message>
    <message>
        <source>step-size factor while the sign holds (etas[1] in torch)</source>
        <translation>符号保持时的步长因子（torch 中的 etas[1]）</translation>
    </message>
    <message>
        <source>smallest step size (step_sizes[0] in torch)</source>
        <translation>最小步长（torch 中的 step_sizes[0]）</translation>
    </message>
    <message>
        <source>largest step size (step_sizes[1] in torch)</source>
        <translation>最大步长（torch 中的 step_sizes[1]）</translation>
    </message>
    <message>
        <source>decay term: eta = lr / (1 + lambd·lr·t)^alpha</source>
        <translation>衰减项：eta = lr / (1 + lambd·lr·t)^alpha</translation>
    </message>
    <message>
        <source>power of the step-size decay</source>
        <translation>步长衰减的幂次</translation>
    </message>
    <message>
        <source>step after which averaging starts</source>
        <translation>开始平均的步数</translation>
    </message>
    <message>
        <source>cap of the relative step size rho = min(lr, 1/sqrt(t))</source>
        <translation>相对步长的上限 rho = min(lr, 1/sqrt(t))</translation>
    </message>
    <message>
        <source>the second moment&apos;s lerp weight is t^beta2_decay</source>
        <translation>二阶矩的插值权重为 t^beta2_decay</translation>
    </message>
    <message>
        <source>floor of v is eps1^2 (eps[0] in torch; None there = machine epsilon)</source>
        <translation>v 的下限为 eps1^2（torch 中的 eps[0]；那里的 None = 机器精度）</translation>
    </message>
    <message>
        <source>floor of RMS(theta) in the step size (eps[1] in torch)</source>
        <translation>步长中 RMS(theta) 的下限（torch 中的 eps[1]）</translation>
    </message>
    <message>
        <source>clipping threshold of RMS(u)</source>
        <translation>RMS(u) 的截断阈值</translation>
    </message>
    <message>
        <source>decoupled weight decay: theta *= 1 - lr*weight_decay before the step</source>
        <translation>解耦权重衰减：迈步前 theta *= 1 - lr*weight_decay</translation>
    </message>
    <message>
        <source>step scale (1 = full Newton step)</source>
        <translation>步长缩放（1 = 完整的牛顿步）</translation>
    </message>
    <message>
        <source>added to the Hessian&apos;s eigenvalues (Levenberg-Marquardt style)</source>
        <translation>加到黑塞矩阵特征值上的量（Levenberg-Marquardt 方式）</translation>
    </message>
    <message>
        <source>use |eigenvalues| of the Hessian so saddles repel instead of attract (Dauphin et al. 2014)</source>
        <translation>使用黑塞矩阵特征值的绝对值 |eigenvalues|，使鞍点排斥而非吸引（Dauphin et al. 2014）</translation>
    </message>
    <message>
        <source>weight of the momentum in the step direction c (betas[0])</source>
        <translation>动量在步方向 c 中的权重（betas[0]）</translation>
    </message>
    <message>
        <source>decay rate of the momentum m (betas[1])</source>
        <translation>动量 m 的衰减率（betas[1]）</translation>
    </message>
    <message>
        <source>weight decay (L2 penalty, or decoupled: see weight_decouple)</source>
        <translation>权重衰减（L2 惩罚，或解耦：见 weight_decouple）</translation>
    </message>
    <message>
        <source>decoupled weight decay: theta *= 1 - lr*weight_decay before the step (AdamW style) instead of L2</source>
        <translation>解耦权重衰减：迈步前 theta *= 1 - lr*weight_decay（AdamW 方式）而非 L2</translation>
    </message>
    <message>
        <source>decoupled decay not scaled by lr: theta *= 1 - weight_decay</source>
        <translation>不按 lr 缩放的解耦衰减：theta *= 1 - weight_decay</translation>
    </message>
    <message>
        <source>decay rate of s, the running variance (betas[1])</source>
        <translation>s（滑动方差）的衰减率（betas[1]）</translation>
    </message>
    <message>
        <source>RAdam&apos;s rectified step (SGD steps while the variance estimate is young)</source>
        <translation>RAdam 的修正步（方差估计尚不可靠时走 SGD 步）</translation>
    </message>
    <message>
        <source>rectify: length of the moving average from which steps are adaptive</source>
        <translation>rectify：步变为自适应所需的滑动平均长度</translation>
    </message>
    <message>
        <source>rectify: take SGD steps before the threshold (else none)</source>
        <translation>rectify：达到阈值之前走 SGD 步（否则不迈步）</translation>
    </message>
    <message>
        <source>use the running maximum of s (AMSGrad style)</source>
        <translation>使用 s 的滑动最大值（AMSGrad 方式）</translation>
    </message>
    <message>
        <source>starting value of m and v</source>
        <translation>m 和 v 的初值</translation>
    </message>
    <message>
        <source>weight of the momentum in the step (1: momentum SGD, 0: plain SGD)</source>
        <translation>动量在步中的权重（1：动量 SGD，0：朴素 SGD）</translation>
    </message>
    <message>
        <source>weight of m in the numerator (nus[0]; 1: Adam&apos;s m, 0: the gradient)</source>
        <translation>分子中 m 的权重（nus[0]；1：Adam 的 m，0：梯度）</translation>
    </message>
    <message>
        <source>weight of v in the denominator (nus[1]; 1: Adam&apos;s v, 0: g²)</source>
        <translation>分母中 v 的权重（nus[1]；1：Adam 的 v，0：g²）</translation>
    </message>
    <message>
        <source>β1: y = (1 − β1)·z + β1·x</source>
        <translation>β1：y = (1 − β1)·z + β1·x</translation>
    </message>
    <message>
        <source>L2 penalty, added to the (preconditioned) gradient at y</source>
        <translation>L2 惩罚，加到 y 处的（预条件）梯度上</translation>
    </message>
    <message>
        <source>the averaging weight grows as t^r</source>
        <translation>平均权重按 t^r 增长</translation>
    </message>
    <message>
        <source>the averaging weight grows as lr_max^weight_lr_power</source>
        <translation>平均权重按 lr_max^weight_lr_power 增长</translation>
    </message>
    <message>
        <source>linear warmup of lr over this many steps (warmup_steps in the reference)</source>
        <translation>lr 在这么多步内线性预热（参考实现中的 warmup_steps）</translation>
    </message>
    <message>
        <source>β1: y = (1 − β1)·z + β1·x (betas[0])</source>
        <translation>β1：y = (1 − β1)·z + β1·x（betas[0]）</translation>
    </message>
    <message>
        <source>c = min(1, c·(1 − β1)·decoupling_c) when &gt; 0</source>
        <translation>c = min(1, c·(1 − β1)·decoupling_c)（当 &gt; 0 时）</translation>
    </message>
    <message>
        <source>use the running maximum of the bias-corrected v</source>
        <translation>使用偏差校正后 v 的滑动最大值</translation>
    </message>
    <message>
        <source>decay of num and s (&lt; 0: sqrt(beta2), the reference&apos;s None)</source>
        <translation>num 与 s 的衰减（&lt; 0：sqrt(beta2)，即参考实现的 None）</translation>
    </message>
    <message>
        <source>initial distance estimate d</source>
        <translation>初始距离估计 d</translation>
    </message>
    <message>
        <source>factor of the estimate d̂</source>
        <translation>估计 d̂ 的因子</translation>
    </message>
    <message>
        <source>d grows by at most this factor per step (default: the largest float, no limit: the reference&apos;s inf)</source>
        <translation>d 每步至多增长这个倍数（默认：最大浮点数，即不限制：参考实现的 inf）</translation>
    </message>
    <message>
        <source>Adam&apos;s bias correction in d_lr</source>
        <translation>d_lr 中的 Adam 偏差校正</translation>
    </message>
    <message>
        <source>use d instead of d_lr in s (avoids overestimating d in warmup)</source>
        <translation>在 s 中使用 d 而非 d_lr（避免预热时高估 d）</translation>
    </message>
    <message>
        <source>step length t of every inner iteration but the very first</source>
        <translation>除第一次外每次内部迭代的步长 t</translation>
    </message>
    <message>
        <source>inner iterations per step</source>
        <translation>每步的内部迭代次数</translation>
    </message>
    <message>
        <source>function evaluations per step (torch: max_iter * 5 // 4 when None)</source>
        <translation>每步的函数求值次数（为 None 时 torch 取 max_iter * 5 // 4）</translation>
    </message>
    <message>
        <source>stop when max |g| is at most this</source>
        <translation>max |g| 不超过此值时停止</translation>
    </message>
    <message>
        <source>stop when the step or the loss change is smaller</source>
        <translation>步或损失变化小于此值时停止</translation>
    </message>
    <message>
        <source>pairs (s, y) kept</source>
        <translation>保存的 (s, y) 对数</translation>
    </message>
    <message>
        <source>line_search_fn=&quot;strong_wolfe&quot; (else fixed steps t = lr)</source>
        <translation>line_search_fn=&quot;strong_wolfe&quot;（否则步长固定为 t = lr）</translation>
    </message>
    <message>
        <source>first step length tried</source>
        <translation>首次尝试的步长</translation>
    </message>
    <message>
        <source>sufficient-decrease (Armijo) constant</source>
        <translation>充分下降（Armijo）常数</translation>
    </message>
    <message>
        <source>backtracking factor</source>
        <translation>回溯因子</translation>
    </message>
    <message>
        <source>function evaluations allowed in one line search</source>
        <translation>一次线搜索允许的函数求值次数</translation>
    </message>
    <message>
        <source>first step length tried by the line search</source>
        <translation>线搜索首次尝试的步长</translation>
    </message>
    <message>
        <source>curvature constant of the strong Wolfe conditions (keep c1 &lt; c2)</source>
        <translation>强 Wolfe 条件的曲率常数（保持 c1 &lt; c2）</translation>
    </message>
    <message>
        <source>scale H = (y&apos;s / y&apos;y) I before the first update (eq. 6.20)</source>
        <translation>在第一次更新前将 H 缩放为 (y&apos;s / y&apos;y) I（式 6.20）</translation>
    </message>
    <message>
        <source>inner steps between two synchronisations with the slow weights</source>
        <translation>两次与慢权重同步之间的内部步数</translation>
    </message>
    <message>
        <source>slow weights move this far toward the fast ones</source>
        <translation>慢权重向快权重移动的比例</translation>
    </message>
    <message>
        <source>mini-batch size on data surfaces (0 = the full data set)</source>
        <translation>数据曲面上的小批量大小（0 = 完整数据集）</translation>
    </message>
    <message>
        <source>standard deviation of Gaussian noise added to every gradient</source>
        <translation>加到每个梯度上的高斯噪声的标准差</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>常数</translation>
    </message>
    <message>
        <source>the learning rate stays at lr for the whole race</source>
        <translation>学习率在整个竞赛中保持为 lr</translation>
    </message>
    <message>
        <source>Step decay</source>
        <translation>阶梯衰减</translation>
    </message>
    <message>
        <source>the learning rate is multiplied by gamma every step_size steps</source>
        <translation>学习率每 step_size 步乘以 gamma</translation>
    </message>
    <message>
        <source>number of steps between decays</source>
        <translation>两次衰减之间的步数</translation>
    </message>
    <message>
        <source>multiplicative factor of learning-rate decay</source>
        <translation>学习率衰减的乘法因子</translation>
    </message>
    <message>
        <source>Exponential decay</source>
        <translation>指数衰减</translation>
    </message>
    <message>
        <source>the learning rate is multiplied by gamma after every step</source>
        <translation>学习率每步之后乘以 gamma</translation>
    </message>
    <message>
        <source>Cosine annealing</source>
        <translation>余弦退火</translation>
    </message>
    <message>
        <source>the learning rate follows half a cosine from lr down to eta_min over T_max steps (and back up after)</source>
        <translation>学习率在 T_max 步内沿半个余弦从 lr 降到 eta_min（之后再回升）</translation>
    </message>
    <message>
        <source>steps from lr down to eta_min (half a period; the cosine goes on past it)</source>
        <translation>从 lr 降到 eta_min 的步数（半个周期；之后余弦继续）</translation>
    </message>
    <message>
        <source>minimum learning rate of the cosine (reached after T_max steps)</source>
        <translation>余弦的最小学习率（T_max 步后达到）</translation>
    </message>
    <message>
        <source>Linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <source>the learning rate factor moves linearly from start_factor to end_factor over total_iters steps, then stays (the usual warm-up)</source>
        <translation>学习率因子在 total_iters 步内从 start_factor 线性变化到 end_factor，之后保持不变（常见的预热）</translation>
    </message>
    <message>
        <source>factor on lr at the first step</source>
        <translation>第一步时 lr 的因子</translation>
    </message>
    <message>
        <source>factor on lr after total_iters steps</source>
        <translation>total_iters 步之后 lr 的因子</translation>
    </message>
    <message>
        <source>number of steps over which the factor changes</source>
        <translation>因子变化所经历的步数</translation>
    </message>
    <message>
        <source>Warm-up + cosine</source>
        <translation>预热 + 余弦</translation>
    </message>
    <message>
        <source>a linear warm-up from start_factor*lr to lr over warmup_steps steps, then cosine annealing down to eta_min over T_max steps</source>
        <translation>在 warmup_steps 步内从 start_factor*lr 线性预热到 lr，然后在 T_max 步内余弦退火到 eta_min</translation>
    </message>
    <message>
        <source>length of the linear warm-up (0 = none)</source>
        <translation>线性预热的长度（0 = 无）</translation>
    </message>
    <message>
        <source>steps of the cosine after the warm-up, from lr down to eta_min</source>
        <translation>预热之后余弦的步数，从 lr 降到 eta_min</translation>
    </message>
    <message>
        <source>factor on lr at the first warm-up step</source>
        <translation>预热第一步时 lr 的因子</translation>
    </message>
</context>
<context>
    <name>optimizers</name>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>plain gradient descent: a fixed step along the negative gradient</source>
        <translation>朴素梯度下降：沿负梯度方向走固定步长</translation>
    </message>
    <message>
        <source>g = grad + weight_decay * theta
b = g                                   at the first step (momentum != 0)
b = momentum * b + (1 - dampening) * g  afterwards
g = g + momentum * b   if nesterov else   g = b
theta = theta - lr * g</source>
        <translation>g = grad + weight_decay * theta
b = g                                   第一步时（momentum != 0）
b = momentum * b + (1 - dampening) * g  之后各步
g = g + momentum * b   若 nesterov，否则   g = b
theta = theta - lr * g</translation>
    </message>
    <message>
        <source>lr for every parameter.</source>
        <translation>每个参数都是 lr。</translation>
    </message>
    <message>
        <source>t: steps taken</source>
        <translation>t：已走的步数</translation>
    </message>
    <message>
        <source>b: momentum buffer (none until the first step with momentum &gt; 0)</source>
        <translation>b：动量缓冲（在第一次 momentum &gt; 0 的步之前没有）</translation>
    </message>
    <message>
        <source>lr per parameter (the effective learning rate)</source>
        <translation>每个参数的 lr（有效学习率）</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <source>heavy-ball momentum: a velocity that accumulates past gradients</source>
        <translation>重球动量：累积过去梯度的速度</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>Nesterov momentum: looks ahead along the velocity before stepping</source>
        <translation>Nesterov 动量：迈步前先沿速度方向向前看</translation>
    </message>
    <message>
        <source>AdaGrad</source>
        <translation>AdaGrad</translation>
    </message>
    <message>
        <source>per-parameter rates that shrink with the sum of all past squared gradients</source>
        <translation>逐参数学习率，随过去所有梯度平方之和而减小</translation>
    </message>
    <message>
        <source>g = grad + weight_decay * theta
clr = lr / (1 + (t - 1) * lr_decay)
S = S + g * g                 (S starts at initial_accumulator_value)
theta = theta - clr * g / (sqrt(S) + eps)</source>
        <translation>g = grad + weight_decay * theta
clr = lr / (1 + (t - 1) * lr_decay)
S = S + g * g                 （S 的初值为 initial_accumulator_value）
theta = theta - clr * g / (sqrt(S) + eps)</translation>
    </message>
    <message>
        <source>clr / (sqrt(S) + eps).</source>
        <translation>clr / (sqrt(S) + eps)。</translation>
    </message>
    <message>
        <source>S: sum of squared gradients (starts at initial_accumulator_value)</source>
        <translation>S：梯度平方之和（初值为 initial_accumulator_value）</translation>
    </message>
    <message>
        <source>RMSProp</source>
        <translation>RMSProp</translation>
    </message>
    <message>
        <source>per-parameter rates from a running mean of squared gradients</source>
        <translation>由梯度平方的滑动平均得到的逐参数学习率</translation>
    </message>
    <message>
        <source>g = grad + weight_decay * theta
v = alpha * v + (1 - alpha) * g * g
centered:  gbar = lerp(gbar, g, 1 - alpha);  d = sqrt(v - gbar^2) + eps
otherwise: d = sqrt(v) + eps
momentum &gt; 0:  b = momentum * b + g / d;  theta = theta - lr * b
otherwise:     theta = theta - lr * g / d</source>
        <translation>g = grad + weight_decay * theta
v = alpha * v + (1 - alpha) * g * g
centered 时：  gbar = lerp(gbar, g, 1 - alpha);  d = sqrt(v - gbar^2) + eps
否则： d = sqrt(v) + eps
momentum &gt; 0 时：  b = momentum * b + g / d;  theta = theta - lr * b
否则：     theta = theta - lr * g / d</translation>
    </message>
    <message>
        <source>lr / d.</source>
        <translation>lr / d。</translation>
    </message>
    <message>
        <source>v: running mean of squared gradients</source>
        <translation>v：梯度平方的滑动平均</translation>
    </message>
    <message>
        <source>ḡ: running mean of gradients (centered only)</source>
        <translation>ḡ：梯度的滑动平均（仅 centered）</translation>
    </message>
    <message>
        <source>b: momentum buffer (momentum &gt; 0 only)</source>
        <translation>b：动量缓冲（仅 momentum &gt; 0）</translation>
    </message>
    <message>
        <source>Adadelta</source>
        <translation>Adadelta</translation>
    </message>
    <message>
        <source>rates from the ratio of running RMS of updates to running RMS of gradients</source>
        <translation>学习率取更新量的滑动 RMS 与梯度的滑动 RMS 之比</translation>
    </message>
    <message>
        <source>g = grad + weight_decay * theta
v = rho * v + (1 - rho) * g * g
delta = sqrt(u + eps) / sqrt(v + eps) * g
u = rho * u + (1 - rho) * delta * delta
theta = theta - lr * delta</source>
        <translation>g = grad + weight_decay * theta
v = rho * v + (1 - rho) * g * g
delta = sqrt(u + eps) / sqrt(v + eps) * g
u = rho * u + (1 - rho) * delta * delta
theta = theta - lr * delta</translation>
    </message>
    <message>
        <source>lr * sqrt(u_prev + eps) / sqrt(v + eps).</source>
        <translation>lr * sqrt(u_prev + eps) / sqrt(v + eps)。</translation>
    </message>
    <message>
        <source>u: running mean of squared updates</source>
        <translation>u：更新量平方的滑动平均</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>momentum plus per-parameter rates from bias-corrected moment estimates</source>
        <translation>动量加上由偏差校正的矩估计得到的逐参数学习率</translation>
    </message>
    <message>
        <source>g = grad + weight_decay * theta      (decoupled_weight_decay: g = grad; theta = theta * (1 - lr * weight_decay))
m = lerp(m, g, 1 - beta1)
v = beta2 * v + (1 - beta2) * g * g
amsgrad: vmax = max(vmax, v), used in place of v below
theta = theta - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)</source>
        <translation>g = grad + weight_decay * theta      (decoupled_weight_decay: g = grad; theta = theta * (1 - lr * weight_decay))
m = lerp(m, g, 1 - beta1)
v = beta2 * v + (1 - beta2) * g * g
amsgrad: vmax = max(vmax, v)，下式中代替 v 使用
theta = theta - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)</translation>
    </message>
    <message>
        <source>(lr / (1 - beta1^t)) / (sqrt(v) / sqrt(1 - beta2^t) + eps).</source>
        <translation>(lr / (1 - beta1^t)) / (sqrt(v) / sqrt(1 - beta2^t) + eps)。</translation>
    </message>
    <message>
        <source>m: first moment, the running mean of gradients</source>
        <translation>m：一阶矩，梯度的滑动平均</translation>
    </message>
    <message>
        <source>v: second moment, the running mean of squared gradients</source>
        <translation>v：二阶矩，梯度平方的滑动平均</translation>
    </message>
    <message>
        <source>vmax: the largest v so far (AMSGrad only)</source>
        <translation>vmax：迄今最大的 v（仅 AMSGrad）</translation>
    </message>
    <message>
        <source>AMSGrad</source>
        <translation>AMSGrad</translation>
    </message>
    <message>
        <source>Adam that never lets its per-parameter rates grow: uses the running maximum of v</source>
        <translation>从不让逐参数学习率变大的 Adam：使用 v 的滑动最大值</translation>
    </message>
    <message>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <source>Adam with decoupled weight decay</source>
        <translation>带解耦权重衰减的 Adam</translation>
    </message>
    <message>
        <source>NAdam</source>
        <translation>NAdam</translation>
    </message>
    <message>
        <source>Adam with Nesterov momentum and a momentum schedule</source>
        <translation>带 Nesterov 动量和动量调度的 Adam</translation>
    </message>
    <message>
        <source>g = grad + weight_decay * theta      (decoupled_weight_decay: g = grad; theta = theta * (1 - lr * weight_decay))
mu_t    = beta1 * (1 - 0.5 * 0.96^(t * momentum_decay))
mu_next = beta1 * (1 - 0.5 * 0.96^((t + 1) * momentum_decay))
P = P * mu_t                                   (P starts at 1)
m = lerp(m, g, 1 - beta1);  v = beta2 * v + (1 - beta2) * g * g
d = sqrt(v / (1 - beta2^t)) + eps
theta = theta - lr (1 - mu_t) / (1 - P) * g / d - lr mu_next / (1 - P mu_next) * m / d</source>
        <translation>g = grad + weight_decay * theta      (decoupled_weight_decay: g = grad; theta = theta * (1 - lr * weight_decay))
mu_t    = beta1 * (1 - 0.5 * 0.96^(t * momentum_decay))
mu_next = beta1 * (1 - 0.5 * 0.96^((t + 1) * momentum_decay))
P = P * mu_t                                   （P 的初值为 1）
m = lerp(m, g, 1 - beta1);  v = beta2 * v + (1 - beta2) * g * g
d = sqrt(v / (1 - beta2^t)) + eps
theta = theta - lr (1 - mu_t) / (1 - P) * g / d - lr mu_next / (1 - P mu_next) * m / d</translation>
    </message>
    <message>
        <source>lr / d, the scale the two terms share before their mu factors.</source>
        <translation>lr / d，两项在乘以各自的 mu 因子之前共有的尺度。</translation>
    </message>
    <message>
        <source>P: product of the momentum coefficients μ_1 ... μ_t</source>
        <translation>P：动量系数的乘积 μ_1 ... μ_t</translation>
    </message>
    <message>
        <source>RAdam</source>
        <translation>RAdam</translation>
    </message>
    <message>
        <source>Adam whose adaptive rate is switched on gradually (rectified) once v is reliable</source>
        <translation>自适应学习率逐步开启（修正）的 Adam，待 v 可靠后才完全自适应</translation>
    </message>
    <message>
        <source>g = grad + weight_decay * theta      (decoupled_weight_decay: g = grad; theta = theta * (1 - lr * weight_decay))
m = lerp(m, g, 1 - beta1);  v = beta2 * v + (1 - beta2) * g * g;  mhat = m / (1 - beta1^t)
rho_inf = 2 / (1 - beta2) - 1
rho_t   = rho_inf - 2 t beta2^t / (1 - beta2^t)
rho_t &gt; 5:  r = sqrt((rho_t-4)(rho_t-2) rho_inf / ((rho_inf-4)(rho_inf-2) rho_t))
            theta = theta - lr * mhat * r * sqrt(1 - beta2^t) / (sqrt(v) + eps)
otherwise:  theta = theta - lr * mhat          (momentum SGD while v is unreliable)</source>
        <translation>g = grad + weight_decay * theta      (decoupled_weight_decay: g = grad; theta = theta * (1 - lr * weight_decay))
m = lerp(m, g, 1 - beta1);  v = beta2 * v + (1 - beta2) * g * g;  mhat = m / (1 - beta1^t)
rho_inf = 2 / (1 - beta2) - 1
rho_t   = rho_inf - 2 t beta2^t / (1 - beta2^t)
rho_t &gt; 5 时：  r = sqrt((rho_t-4)(rho_t-2) rho_inf / ((rho_inf-4)(rho_inf-2) rho_t))
            theta = theta - lr * mhat * r * sqrt(1 - beta2^t) / (sqrt(v) + eps)
否则：  theta = theta - lr * mhat          （v 不可靠时为动量 SGD）</translation>
    </message>
    <message>
        <source>lr * r * sqrt(1 - beta2^t) / (sqrt(v) + eps) when rectified, else lr.</source>
        <translation>修正时为 lr * r * sqrt(1 - beta2^t) / (sqrt(v) + eps)，否则为 lr。</translation>
    </message>
    <message>
        <source>Adamax</source>
        <translation>Adamax</translation>
    </message>
    <message>
        <source>Adam with the infinity norm of past gradients in the denominator</source>
        <translation>分母使用过去梯度无穷范数的 Adam</translation>
    </message>
    <message>
        <source>g = grad + weight_decay * theta
m = lerp(m, g, 1 - beta1)
u = max(beta2 * u, |g| + eps)
theta = theta - (lr / (1 - beta1^t)) * m / u</source>
        <translation>g = grad + weight_decay * theta
m = lerp(m, g, 1 - beta1)
u = max(beta2 * u, |g| + eps)
theta = theta - (lr / (1 - beta1^t)) * m / u</translation>
    </message>
    <message>
        <source>(lr / (1 - beta1^t)) / u.</source>
        <translation>(lr / (1 - beta1^t)) / u。</translation>
    </message>
    <message>
        <source>u: the infinity norm, a decaying maximum of |g|</source>
        <translation>u：无穷范数，|g| 的衰减最大值</translation>
    </message>
    <message>
        <source>Rprop</source>
        <translation>Rprop</translation>
    </message>
    <message>
        <source>sign-based steps whose per-parameter size grows while the gradient keeps its sign and shrinks on a flip</source>
        <translation>基于符号的步：梯度保持符号时逐参数步长增大，符号翻转时减小</translation>
    </message>
    <message>
        <source>sign = sign(g * prev)
s = clamp(s * etaplus,  step_size_min, step_size_max)   where sign &gt; 0
s = clamp(s * etaminus, step_size_min, step_size_max)   where sign &lt; 0 (and g = 0 there)
s = clamp(s,            step_size_min, step_size_max)   where sign = 0
theta = theta - sign(g) * s
prev = g</source>
        <translation>sign = sign(g * prev)
s = clamp(s * etaplus,  step_size_min, step_size_max)   sign &gt; 0 处
s = clamp(s * etaminus, step_size_min, step_size_max)   sign &lt; 0 处（且该处 g = 0）
s = clamp(s,            step_size_min, step_size_max)   sign = 0 处
theta = theta - sign(g) * s
prev = g</translation>
    </message>
    <message>
        <source>s / |g|, the step per unit of gradient (0 where the step was skipped or the gradient is 0).</source>
        <translation>s / |g|，每单位梯度的步长（跳过该步或梯度为 0 处为 0）。</translation>
    </message>
    <message>
        <source>prev: previous gradient (0 where its sign flipped: that step was skipped)</source>
        <translation>prev：上一步的梯度（符号翻转处为 0：该步被跳过）</translation>
    </message>
    <message>
        <source>s: per-parameter step size (starts at lr)</source>
        <translation>s：逐参数步长（初值为 lr）</translation>
    </message>
    <message>
        <source>ASGD</source>
        <translation>ASGD</translation>
    </message>
    <message>
        <source>SGD with a slowly decaying step size and a running average of its iterates</source>
        <translation>步长缓慢衰减并对迭代点做滑动平均的 SGD</translation>
    </message>
    <message>
        <source>g = grad + weight_decay * theta
theta = theta * (1 - lambd * eta)
theta = theta - eta * g
ax = ax + mu * (theta - ax)        (ax = theta while mu = 1)
eta = lr / (1 + lambd * lr * t) ^ alpha
mu = 1 / max(1, t - t0)</source>
        <translation>g = grad + weight_decay * theta
theta = theta * (1 - lambd * eta)
theta = theta - eta * g
ax = ax + mu * (theta - ax)        （mu = 1 时 ax = theta）
eta = lr / (1 + lambd * lr * t) ^ alpha
mu = 1 / max(1, t - t0)</translation>
    </message>
    <message>
        <source>eta, this step&apos;s step size (the one computed at the end of the previous step), for every parameter.</source>
        <translation>eta，本步的步长（在上一步结束时算出），每个参数相同。</translation>
    </message>
    <message>
        <source>η: step size of the next step, lr / (1 + lambd·lr·t)^alpha</source>
        <translation>η：下一步的步长，lr / (1 + lambd·lr·t)^alpha</translation>
    </message>
    <message>
        <source>μ: averaging weight of the next step, 1 / max(1, t − t0)</source>
        <translation>μ：下一步的平均权重，1 / max(1, t − t0)</translation>
    </message>
    <message>
        <source>x̄: the averaged iterate (equal to θ until step t0)</source>
        <translation>x̄：平均后的迭代点（第 t0 步之前等于 θ）</translation>
    </message>
    <message>
        <source>Adafactor</source>
        <translation>Adafactor</translation>
    </message>
    <message>
        <source>steps relative to the parameters&apos; size, scaled by a running mean of squared gradients and clipped</source>
        <translation>相对于参数大小的步长，由梯度平方的滑动平均缩放并截断</translation>
    </message>
    <message>
        <source>beta2_t = 1 - t ^ beta2_decay                    (lerp weight t ^ beta2_decay)
rho = min(lr, 1 / sqrt(t))
alpha = max(eps2, RMS(theta)) * rho              (RMS(theta) = |theta| / sqrt(2), before the decay)
theta = theta * (1 - lr * weight_decay)
v = lerp(v, g * g, t ^ beta2_decay)
u = g / sqrt(max(v, eps1^2))
theta = theta - alpha / max(1, RMS(u) / d) * u</source>
        <translation>beta2_t = 1 - t ^ beta2_decay                    （插值权重 t ^ beta2_decay）
rho = min(lr, 1 / sqrt(t))
alpha = max(eps2, RMS(theta)) * rho              （RMS(theta) = |theta| / sqrt(2)，在衰减之前）
theta = theta * (1 - lr * weight_decay)
v = lerp(v, g * g, t ^ beta2_decay)
u = g / sqrt(max(v, eps1^2))
theta = theta - alpha / max(1, RMS(u) / d) * u</translation>
    </message>
    <message>
        <source>alpha / max(1, RMS(u) / d) / sqrt(max(v, eps1^2)).</source>
        <translation>alpha / max(1, RMS(u) / d) / sqrt(max(v, eps1^2))。</translation>
    </message>
    <message>
        <source>v: running mean of squared gradients (unfactored: the parameter is a vector)</source>
        <translation>v：梯度平方的滑动平均（不分解：参数是一个向量）</translation>
    </message>
    <message>
        <source>Newton</source>
        <translation>牛顿法</translation>
    </message>
    <message>
        <source>second-order steps using the surface&apos;s Hessian (saddle-free by default)</source>
        <translation>使用曲面黑塞矩阵 (Hessian) 的二阶步（默认为无鞍点版本）</translation>
    </message>
    <message>
        <source>theta = theta - lr * M^+ g
saddle_free = true   (default):  M = sum_i (|lam_i| + damping) v_i v_i^T
saddle_free = false            :  M = sum_i ( lam_i  + damping) v_i v_i^T = H + damping * I</source>
        <translation>theta = theta - lr * M^+ g
saddle_free = true   （默认）：  M = sum_i (|lam_i| + damping) v_i v_i^T
saddle_free = false            :  M = sum_i ( lam_i  + damping) v_i v_i^T = H + damping * I</translation>
    </message>
    <message>
        <source>lr * (M^+)_{ii}, the diagonal of the matrix that multiplies the gradient (exact per-parameter rate when the Hessian is diagonal; the observed ratio -delta_theta / g shows the full effect).</source>
        <translation>lr * (M^+)_{ii}，与梯度相乘的矩阵的对角元（黑塞矩阵为对角阵时即为精确的逐参数学习率；观测比值 -delta_theta / g 显示完整效果）。</translation>
    </message>
    <message>
        <source>t: steps taken (Newton keeps no other state: each step reads the Hessian afresh)</source>
        <translation>t：已走的步数（Newton 不保存其他状态：每一步都重新读取黑塞矩阵）</translation>
    </message>
    <message>
        <source>Lion</source>
        <translation>Lion</translation>
    </message>
    <message>
        <source>sign of a momentum-gradient blend: every parameter moves by lr each step</source>
        <translation>动量与梯度混合后取符号：每个参数每步移动 lr</translation>
    </message>
    <message>
        <source>weight decay (weight_decouple, the default): theta = theta * (1 - weight_decay * lr)
             (fixed_decay: theta * (1 - weight_decay); weight_decouple=false: g = grad + weight_decay * theta)
c = lerp(m, g, 1 - beta1)
m = lerp(m, g, 1 - beta2)
theta = theta - lr * sign(c)</source>
        <translation>权重衰减（weight_decouple，默认）： theta = theta * (1 - weight_decay * lr)
             (fixed_decay: theta * (1 - weight_decay); weight_decouple=false: g = grad + weight_decay * theta)
c = lerp(m, g, 1 - beta1)
m = lerp(m, g, 1 - beta2)
theta = theta - lr * sign(c)</translation>
    </message>
    <message>
        <source>lr / |c|, the step per unit of the interpolated direction c (0 where c = 0); every step has length lr per parameter.</source>
        <translation>lr / |c|，沿插值方向 c 每单位的步长（c = 0 处为 0）；每步在每个参数上的长度都是 lr。</translation>
    </message>
    <message>
        <source>m: momentum, the running mean of gradients (rate 1 − β2)</source>
        <translation>m：动量，梯度的滑动平均（速率 1 − β2）</translation>
    </message>
    <message>
        <source>AdaBelief</source>
        <translation>AdaBelief</translation>
    </message>
    <message>
        <source>Adam that scales by the gradient&apos;s variance around its mean: large steps where the gradient is predictable</source>
        <translation>按梯度围绕其均值的方差缩放的 Adam：梯度可预测处步长大</translation>
    </message>
    <message>
        <source>weight decay (weight_decouple, the default): theta = theta * (1 - weight_decay * lr)
             (fixed_decay: theta * (1 - weight_decay); weight_decouple=false: g = grad + weight_decay * theta)
m = lerp(m, g, 1 - beta1)
s = beta2 * s + (1 - beta2) * (g - m)^2 + eps
ams_bound: smax = max(smax, s), used in place of s below
theta = theta - (lr / (1 - beta1^t)) * m / (sqrt(s) / sqrt(1 - beta2^t) + eps)
rectify (RAdam&apos;s rule): rho_t = rho_inf - 2 t beta2^t / (1 - beta2^t), rho_inf = 2 / (1 - beta2) - 1
    rho_t &gt;= n_sma_threshold: theta = theta - (lr r_t / (1 - beta1^t)) * m / (sqrt(s) + eps)
    else, degenerated_to_sgd:  theta = theta - (lr / (1 - beta1^t)) * m     (else no step)
    r_t = sqrt((1 - beta2^t) (rho_t - 4)(rho_t - 2) rho_inf / ((rho_inf - 4)(rho_inf - 2) rho_t))</source>
        <translation>权重衰减（weight_decouple，默认）： theta = theta * (1 - weight_decay * lr)
             (fixed_decay: theta * (1 - weight_decay); weight_decouple=false: g = grad + weight_decay * theta)
m = lerp(m, g, 1 - beta1)
s = beta2 * s + (1 - beta2) * (g - m)^2 + eps
ams_bound: smax = max(smax, s)，下式中代替 s 使用
theta = theta - (lr / (1 - beta1^t)) * m / (sqrt(s) / sqrt(1 - beta2^t) + eps)
rectify（RAdam 的规则）： rho_t = rho_inf - 2 t beta2^t / (1 - beta2^t), rho_inf = 2 / (1 - beta2) - 1
    rho_t &gt;= n_sma_threshold: theta = theta - (lr r_t / (1 - beta1^t)) * m / (sqrt(s) + eps)
    否则，degenerated_to_sgd 时：  theta = theta - (lr / (1 - beta1^t)) * m     （否则不迈步）
    r_t = sqrt((1 - beta2^t) (rho_t - 4)(rho_t - 2) rho_inf / ((rho_inf - 4)(rho_inf - 2) rho_t))</translation>
    </message>
    <message>
        <source>(lr / (1 - beta1^t)) / (sqrt(s) / sqrt(1 - beta2^t) + eps); with rectify, (lr r_t / (1 - beta1^t)) / (sqrt(s) + eps), or lr / (1 - beta1^t) in the SGD phase (0 without it).</source>
        <translation>(lr / (1 - beta1^t)) / (sqrt(s) / sqrt(1 - beta2^t) + eps)；使用 rectify 时为 (lr r_t / (1 - beta1^t)) / (sqrt(s) + eps)，在 SGD 阶段为 lr / (1 - beta1^t)（没有该阶段时为 0）。</translation>
    </message>
    <message>
        <source>s: running mean of (g − m)², the gradient&apos;s variance around m, plus eps</source>
        <translation>s：(g − m)² 的滑动平均，即梯度围绕 m 的方差，加上 eps</translation>
    </message>
    <message>
        <source>smax: the largest s so far (ams_bound only)</source>
        <translation>smax：迄今最大的 s（仅 ams_bound）</translation>
    </message>
    <message>
        <source>Yogi</source>
        <translation>Yogi</translation>
    </message>
    <message>
        <source>Adam whose second moment changes additively, so its step sizes cannot collapse suddenly</source>
        <translation>二阶矩以加法方式变化的 Adam，因此其步长不会突然崩塌</translation>
    </message>
    <message>
        <source>weight decay (weight_decouple, the default): theta = theta * (1 - weight_decay * lr)
             (fixed_decay: theta * (1 - weight_decay); weight_decouple=false: g = grad + weight_decay * theta)
m = lerp(m, g, 1 - beta1)
v = v - (1 - beta2) * sign(v - g^2) * g^2
theta = theta - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)</source>
        <translation>权重衰减（weight_decouple，默认）： theta = theta * (1 - weight_decay * lr)
             (fixed_decay: theta * (1 - weight_decay); weight_decouple=false: g = grad + weight_decay * theta)
m = lerp(m, g, 1 - beta1)
v = v - (1 - beta2) * sign(v - g^2) * g^2
theta = theta - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)</translation>
    </message>
    <message>
        <source>m: first moment, the running mean of gradients (starts at initial_accumulator)</source>
        <translation>m：一阶矩，梯度的滑动平均（初值为 initial_accumulator）</translation>
    </message>
    <message>
        <source>v: second moment, moved toward g² by at most (1 − β2)·g² (starts at initial_accumulator)</source>
        <translation>v：二阶矩，每步向 g² 移动至多 (1 − β2)·g²（初值为 initial_accumulator）</translation>
    </message>
    <message>
        <source>QHM</source>
        <translation>QHM</translation>
    </message>
    <message>
        <source>quasi-hyperbolic momentum: steps along nu·momentum + (1 − nu)·gradient</source>
        <translation>拟双曲动量：沿 nu·动量 + (1 − nu)·梯度 的方向迈步</translation>
    </message>
    <message>
        <source>weight decay (weight_decouple=false, the default): g = grad + weight_decay * theta
             (weight_decouple: theta = theta * (1 - weight_decay * lr); fixed_decay: theta * (1 - weight_decay))
buf = lerp(buf, g, 1 - momentum)
theta = theta - lr * nu * buf
theta = theta - lr * (1 - nu) * g</source>
        <translation>权重衰减（weight_decouple=false，默认）： g = grad + weight_decay * theta
             (weight_decouple: theta = theta * (1 - weight_decay * lr); fixed_decay: theta * (1 - weight_decay))
buf = lerp(buf, g, 1 - momentum)
theta = theta - lr * nu * buf
theta = theta - lr * (1 - nu) * g</translation>
    </message>
    <message>
        <source>lr for QHM (the factor of its blend nu * buf + (1 - nu) * g); lr / (sqrt(nu2 * v + (1 - nu2) * g^2) + eps) for QHAdam.</source>
        <translation>QHM 为 lr（其混合 nu * buf + (1 - nu) * g 的因子）；QHAdam 为 lr / (sqrt(nu2 * v + (1 - nu2) * g^2) + eps)。</translation>
    </message>
    <message>
        <source>buf: momentum, the running mean of gradients (rate 1 − momentum)</source>
        <translation>buf：动量，梯度的滑动平均（速率 1 − momentum）</translation>
    </message>
    <message>
        <source>QHAdam</source>
        <translation>QHAdam</translation>
    </message>
    <message>
        <source>quasi-hyperbolic Adam: each moment blended with the current gradient (nu1 = nu2 = 1: Adam)</source>
        <translation>拟双曲 Adam：每个矩都与当前梯度混合（nu1 = nu2 = 1 即 Adam）</translation>
    </message>
    <message>
        <source>w1 = 1 + β1·w1: the bias correction of m (float32)</source>
        <translation>w1 = 1 + β1·w1：m 的偏差校正（float32）</translation>
    </message>
    <message>
        <source>w2 = 1 + β2·w2: the bias correction of v (float32)</source>
        <translation>w2 = 1 + β2·w2：v 的偏差校正（float32）</translation>
    </message>
    <message>
        <source>m: bias-corrected running mean of gradients</source>
        <translation>m：经偏差校正的梯度滑动平均</translation>
    </message>
    <message>
        <source>v: bias-corrected running mean of squared gradients</source>
        <translation>v：经偏差校正的梯度平方滑动平均</translation>
    </message>
    <message>
        <source>Schedule-free SGD</source>
        <translation>无调度 SGD</translation>
    </message>
    <message>
        <source>SGD that averages its iterates instead of decaying lr; the path is y, where the gradient is taken</source>
        <translation>对迭代点做平均而非衰减 lr 的 SGD；路径是 y，梯度在 y 处计算</translation>
    </message>
    <message>
        <source>lr_t = lr * min(1, t / lr_warmup_steps)                  (lr_warmup_steps = 0: lr_t = lr)
lr_max = max(lr_max, lr_t)
w = t^r * lr_max^weight_lr_power;  W = W + w;  c = w / W
AdamW only:  v = beta2 * v + (1 - beta2) * g * g
             (ams_bound: vmax = max(vmax, v / (1 - beta2^t)), used in place of v / (1 - beta2^t))
             g = g / (sqrt(v / (1 - beta2^t) + 1e-15) + eps)
             decoupling_c &gt; 0: c = min(1, c * (1 - beta1) * decoupling_c)
g = g + weight_decay * theta
theta = lerp(theta, z, c)
theta = theta + lr_t * (beta1 * (1 - c) - 1) * g
z = z - lr_t * g</source>
        <translation>lr_t = lr * min(1, t / lr_warmup_steps)                  （lr_warmup_steps = 0 时 lr_t = lr）
lr_max = max(lr_max, lr_t)
w = t^r * lr_max^weight_lr_power;  W = W + w;  c = w / W
仅 AdamW：  v = beta2 * v + (1 - beta2) * g * g
             (ams_bound: vmax = max(vmax, v / (1 - beta2^t))，代替 v / (1 - beta2^t) 使用）
             g = g / (sqrt(v / (1 - beta2^t) + 1e-15) + eps)
             decoupling_c &gt; 0: c = min(1, c * (1 - beta1) * decoupling_c)
g = g + weight_decay * theta
theta = lerp(theta, z, c)
theta = theta + lr_t * (beta1 * (1 - c) - 1) * g
z = z - lr_t * g</translation>
    </message>
    <message>
        <source>lr_t * (1 - beta1 * (1 - c)), the factor of -g in the step of y (divided by AdamW&apos;s sqrt(v / (1 - beta2^t) + 1e-15) + eps); the move toward z is averaging, not a gradient step.</source>
        <translation>lr_t * (1 - beta1 * (1 - c))，y 的步中 -g 的因子（再除以 AdamW 的 sqrt(v / (1 - beta2^t) + 1e-15) + eps）；向 z 的移动是平均，不是梯度步。</translation>
    </message>
    <message>
        <source>z: the base sequence of plain gradient steps</source>
        <translation>z：朴素梯度步构成的基础序列</translation>
    </message>
    <message>
        <source>x: the weighted average of z, (y − (1 − β1)·z) / β1 (what eval() gives)</source>
        <translation>x：z 的加权平均，(y − (1 − β1)·z) / β1（即 eval() 给出的值）</translation>
    </message>
    <message>
        <source>W: sum of the averaging weights w = t^r·lr_max^weight_lr_power</source>
        <translation>W：平均权重 w = t^r·lr_max^weight_lr_power 之和</translation>
    </message>
    <message>
        <source>lr_max: the largest lr_t so far (−1 before the first step)</source>
        <translation>lr_max：迄今最大的 lr_t（第一步之前为 −1）</translation>
    </message>
    <message>
        <source>v: running mean of squared gradients (AdamW only)</source>
        <translation>v：梯度平方的滑动平均（仅 AdamW）</translation>
    </message>
    <message>
        <source>vmax: the largest bias-corrected v so far (AdamW with ams_bound only)</source>
        <translation>vmax：迄今最大的偏差校正后 v（仅带 ams_bound 的 AdamW）</translation>
    </message>
    <message>
        <source>Schedule-free AdamW</source>
        <translation>无调度 AdamW</translation>
    </message>
    <message>
        <source>Adam-preconditioned schedule-free steps; the path is y, where the gradient is taken</source>
        <translation>以 Adam 预条件的无调度步；路径是 y，梯度在 y 处计算</translation>
    </message>
    <message>
        <source>Prodigy</source>
        <translation>Prodigy</translation>
    </message>
    <message>
        <source>Adam whose step size d·lr is learned: d estimates the distance to the solution (keep lr = 1)</source>
        <translation>步长 d·lr 可学习的 Adam：d 估计到解的距离（保持 lr = 1）</translation>
    </message>
    <message>
        <source>bc = (1 - beta1^t) / sqrt(1 - beta2^t) if bias_correction else 1
d_lr = d * lr / bc
num = beta3 * num + (d / d0) * d_lr * &lt;g, p0 - theta&gt;
m = beta1 * m + d * (1 - beta1) * g
v = beta2 * v + d^2 * (1 - beta2) * g * g
s = beta3 * s + (d / d0) * (d if safeguard_warmup else d_lr) * g
|s| = 0: no step (the moments above are kept; d is not updated)
d_hat = d_coef * num / |s|_1
d = max(d, d_hat) while d = d0;   d_max = max(d_max, d_hat);   d = min(d_max, d * growth_rate)
theta = theta * (1 - weight_decay * d_lr)      (weight_decouple; fixed_decay: 1 - weight_decay)
theta = theta - d_lr * m / (sqrt(v) + d * eps)</source>
        <translation>bc = (1 - beta1^t) / sqrt(1 - beta2^t)，若 bias_correction，否则为 1
d_lr = d * lr / bc
num = beta3 * num + (d / d0) * d_lr * &lt;g, p0 - theta&gt;
m = beta1 * m + d * (1 - beta1) * g
v = beta2 * v + d^2 * (1 - beta2) * g * g
s = beta3 * s + (d / d0) * （若 safeguard_warmup 则为 d，否则为 d_lr） * g
|s| = 0：不迈步（保留上面的矩；不更新 d）
d_hat = d_coef * num / |s|_1
d = max(d, d_hat)（当 d = d0 时）;   d_max = max(d_max, d_hat);   d = min(d_max, d * growth_rate)
theta = theta * (1 - weight_decay * d_lr)      （weight_decouple；fixed_decay 时为 1 - weight_decay）
theta = theta - d_lr * m / (sqrt(v) + d * eps)</translation>
    </message>
    <message>
        <source>d_lr * d / (sqrt(v) + d * eps) (the new d): the factor that multiplies m / d, the running mean of the gradients once d has settled.</source>
        <translation>d_lr * d / (sqrt(v) + d * eps)（新的 d）：与 m / d 相乘的因子，d 稳定后 m / d 即梯度的滑动平均。</translation>
    </message>
    <message>
        <source>p0: the start</source>
        <translation>p0：起点</translation>
    </message>
    <message>
        <source>m: running mean of d·g</source>
        <translation>m：d·g 的滑动平均</translation>
    </message>
    <message>
        <source>v: running mean of d²·g²</source>
        <translation>v：d²·g² 的滑动平均</translation>
    </message>
    <message>
        <source>s: running sum of the scaled gradients (the denominator of d̂ is |s|₁)</source>
        <translation>s：缩放梯度的滑动和（d̂ 的分母为 |s|₁）</translation>
    </message>
    <message>
        <source>num: running sum of the scaled ⟨g, p0 − θ⟩</source>
        <translation>num：缩放后 ⟨g, p0 − θ⟩ 的滑动和</translation>
    </message>
    <message>
        <source>d: the distance estimate (the step size is d·lr)</source>
        <translation>d：距离估计（步长为 d·lr）</translation>
    </message>
    <message>
        <source>d_max: the largest d̂ so far</source>
        <translation>d_max：迄今最大的 d̂</translation>
    </message>
    <message>
        <source>L-BFGS</source>
        <translation>L-BFGS</translation>
    </message>
    <message>
        <source>limited-memory quasi-Newton: up to max_iter inner steps along -H g per racer step</source>
        <translation>有限内存拟牛顿法：每个参赛者步内沿 -H g 走至多 max_iter 个内部步</translation>
    </message>
    <message>
        <source>f, g = f(theta), grad f(theta)        (the first evaluation; stop if max|g| &lt;= tolerance_grad)
repeat up to max_iter times:
    first iteration ever: d = -g, H0 = 1
    else: y = g - g_prev, s = t * d; if y&apos;s &gt; 1e-10: keep (s, y), H0 = y&apos;s / y&apos;y
          d = -H g                                              (two-loop recursion)
    t = min(1, 1 / |g|_1) * lr  on the very first iteration, else t = lr
    stop if g&apos;d &gt; -tolerance_change
    line_search_fn = strong_wolfe: t from the strong Wolfe line search; theta = theta + t * d
    else: theta = theta + t * d; evaluate f, g there (not after the last iteration)
    stop at max_iter, max_eval, max|g| &lt;= tolerance_grad, max|t d| &lt;= tolerance_change
    or |f - f_prev| &lt; tolerance_change</source>
        <translation>f, g = f(theta), grad f(theta)        （第一次求值；若 max|g| &lt;= tolerance_grad 则停止）
重复至多 max_iter 次：
    最初的第一次迭代：d = -g, H0 = 1
    否则：y = g - g_prev, s = t * d；若 y&apos;s &gt; 1e-10：保存 (s, y)，H0 = y&apos;s / y&apos;y
          d = -H g                                              （双循环递归）
    t = min(1, 1 / |g|_1) * lr  用于最初的第一次迭代，否则 t = lr
    若 g&apos;d &gt; -tolerance_change 则停止
    line_search_fn = strong_wolfe：t 由强 Wolfe 线搜索得到；theta = theta + t * d
    否则：theta = theta + t * d；在该处计算 f, g（最后一次迭代之后不计算）
    达到 max_iter、max_eval、max|g| &lt;= tolerance_grad、max|t d| &lt;= tolerance_change
    或 |f - f_prev| &lt; tolerance_change 时停止</translation>
    </message>
    <message>
        <source>-Δθ / g, the whole step per unit of the gradient at its start (its inner iterations use other gradients; 0 where g = 0).</source>
        <translation>-Δθ / g，每单位起点梯度的整步长度（其内部迭代使用其他梯度；g = 0 处为 0）。</translation>
    </message>
    <message>
        <source>inner iterations so far</source>
        <translation>迄今的内部迭代次数</translation>
    </message>
    <message>
        <source>function evaluations so far (f and ∇f together)</source>
        <translation>迄今的函数求值次数（f 与 ∇f 一起计）</translation>
    </message>
    <message>
        <source>function evaluations of this step</source>
        <translation>本步的函数求值次数</translation>
    </message>
    <message>
        <source>d: the last search direction −H·g</source>
        <translation>d：上一次的搜索方向 −H·g</translation>
    </message>
    <message>
        <source>t: the last step length along d</source>
        <translation>t：沿 d 的上一次步长</translation>
    </message>
    <message>
        <source>H0 = y&apos;s / y&apos;y: the scale of the initial inverse Hessian</source>
        <translation>H0 = y&apos;s / y&apos;y：初始逆黑塞矩阵的尺度</translation>
    </message>
    <message>
        <source>g_prev: the gradient before the last inner step</source>
        <translation>g_prev：上一个内部步之前的梯度</translation>
    </message>
    <message>
        <source>f_prev: the loss before the last inner step</source>
        <translation>f_prev：上一个内部步之前的损失</translation>
    </message>
    <message>
        <source>pairs (s, y) kept (at most history_size)</source>
        <translation>保存的 (s, y) 对（至多 history_size 个）</translation>
    </message>
    <message>
        <source>y: gradient differences</source>
        <translation>y：梯度差</translation>
    </message>
    <message>
        <source>s: steps</source>
        <translation>s：步</translation>
    </message>
    <message>
        <source>ρ = 1 / y&apos;s</source>
        <translation>ρ = 1 / y&apos;s</translation>
    </message>
    <message>
        <source>GD + Armijo</source>
        <translation>GD + Armijo</translation>
    </message>
    <message>
        <source>gradient descent whose step halves until the loss drops enough (Armijo)</source>
        <translation>步长不断减半直到损失下降足够（Armijo）的梯度下降</translation>
    </message>
    <message>
        <source>gd_armijo:  d = -g;  alpha = lr, rho lr, rho^2 lr, ... until
            f(theta + alpha d) &lt;= f(theta) + c1 alpha g&apos;d            (Armijo; Algorithm 3.1)
bfgs:       d = -H g  (H = I at first; scale_h0: H = (y&apos;s / y&apos;y) I before the first update, eq. 6.20)
            alpha: strong Wolfe line search from alpha = lr (c1, c2)
            s = alpha d, y = g_new - g;  y&apos;s &gt; 1e-10:  H = (I - rho s y&apos;) H (I - rho y s&apos;) + rho s s&apos;
            with rho = 1 / y&apos;s  (6.17; skipped otherwise)
cg_fr/cg_pr: d = -g at the first step, else d = -g + beta d_prev    (Algorithm 5.4)
            beta = g&apos;g / g_prev&apos;g_prev                         Fletcher-Reeves (5.41a)
            beta = max(0, g&apos;(g - g_prev) / g_prev&apos;g_prev)      Polak-Ribière+ (5.44, 5.45)
            restart with d = -g when g&apos;d &gt;= 0; alpha: strong Wolfe line search from alpha = lr
theta = theta + alpha * d</source>
        <translation>gd_armijo:  d = -g;  alpha = lr, rho lr, rho^2 lr, ... 直到
            f(theta + alpha d) &lt;= f(theta) + c1 alpha g&apos;d            （Armijo；算法 3.1）
bfgs:       d = -H g  （起初 H = I；scale_h0：第一次更新前 H = (y&apos;s / y&apos;y) I，式 6.20）
            alpha：从 alpha = lr 开始的强 Wolfe 线搜索 (c1, c2)
            s = alpha d, y = g_new - g;  y&apos;s &gt; 1e-10:  H = (I - rho s y&apos;) H (I - rho y s&apos;) + rho s s&apos;
            其中 rho = 1 / y&apos;s  （式 6.17；否则跳过）
cg_fr/cg_pr: 第一步 d = -g，否则 d = -g + beta d_prev    （算法 5.4）
            beta = g&apos;g / g_prev&apos;g_prev                         Fletcher-Reeves (5.41a)
            beta = max(0, g&apos;(g - g_prev) / g_prev&apos;g_prev)      Polak-Ribière+ (5.44, 5.45)
            g&apos;d &gt;= 0 时以 d = -g 重启；alpha：从 alpha = lr 开始的强 Wolfe 线搜索
theta = theta + alpha * d</translation>
    </message>
    <message>
        <source>alpha for gd_armijo (its step is -alpha g); for BFGS and CG -Δθ / g, the step per unit of the gradient (may be negative along a coordinate: the step is not along -g; 0 where g = 0).</source>
        <translation>gd_armijo 为 alpha（其步为 -alpha g）；BFGS 和 CG 为 -Δθ / g，每单位梯度的步长（沿某个坐标可能为负：步不沿 -g 方向；g = 0 处为 0）。</translation>
    </message>
    <message>
        <source>α: the accepted step length</source>
        <translation>α：接受的步长</translation>
    </message>
    <message>
        <source>d: the search direction</source>
        <translation>d：搜索方向</translation>
    </message>
    <message>
        <source>g_prev: the gradient at the start of the step (CG&apos;s β)</source>
        <translation>g_prev：本步起点处的梯度（用于 CG 的 β）</translation>
    </message>
    <message>
        <source>H: the inverse-Hessian estimate (BFGS; I for the others)</source>
        <translation>H：逆黑塞矩阵的估计（BFGS；其他方法为 I）</translation>
    </message>
    <message>
        <source>BFGS</source>
        <translation>BFGS</translation>
    </message>
    <message>
        <source>quasi-Newton: an inverse-Hessian estimate from gradient changes, strong Wolfe line search</source>
        <translation>拟牛顿法：由梯度变化估计逆黑塞矩阵，强 Wolfe 线搜索</translation>
    </message>
    <message>
        <source>CG (Fletcher-Reeves)</source>
        <translation>CG（Fletcher-Reeves）</translation>
    </message>
    <message>
        <source>nonlinear conjugate gradients, Fletcher-Reeves β, strong Wolfe line search</source>
        <translation>非线性共轭梯度法，Fletcher-Reeves β，强 Wolfe 线搜索</translation>
    </message>
    <message>
        <source>CG (Polak-Ribière)</source>
        <translation>CG（Polak-Ribière）</translation>
    </message>
    <message>
        <source>nonlinear conjugate gradients, Polak-Ribière+ β, strong Wolfe line search</source>
        <translation>非线性共轭梯度法，Polak-Ribière+ β，强 Wolfe 线搜索</translation>
    </message>
    <message>
        <source>Lookahead (Adam)</source>
        <translation>Lookahead (Adam)</translation>
    </message>
    <message>
        <source>Adam as the fast optimizer, pulled back toward slow weights every k steps</source>
        <translation>以 Adam 为快优化器，每 k 步被拉回慢权重</translation>
    </message>
    <message>
        <source>theta = theta + the inner optimizer&apos;s step (its own rule and state)
every k-th step (t % k == 0):
    theta = lerp(theta, slow, 1 - alpha)         (= slow + alpha * (theta - slow))
    slow = theta</source>
        <translation>theta = theta + 内部优化器的步（用它自己的规则和状态）
每第 k 步（t % k == 0）：
    theta = lerp(theta, slow, 1 - alpha)         (= slow + alpha * (theta - slow))
    slow = theta</translation>
    </message>
    <message>
        <source>the inner optimizer&apos;s : the pull toward the slow weights is an average of two points, not a gradient step.</source>
        <translation>内部优化器的 ：向慢权重的拉回是两点的平均，不是梯度步。</translation>
    </message>
    <message>
        <source>slow: the slow weights (the point at the last synchronisation)</source>
        <translation>slow：慢权重（上一次同步时的点）</translation>
    </message>
    <message>
        <source>Adam: t: steps taken</source>
        <translation>Adam：t：已走的步数</translation>
    </message>
    <message>
        <source>Adam: m: first moment, the running mean of gradients</source>
        <translation>Adam：m：一阶矩，梯度的滑动平均</translation>
    </message>
    <message>
        <source>Adam: v: second moment, the running mean of squared gradients</source>
        <translation>Adam：v：二阶矩，梯度平方的滑动平均</translation>
    </message>
    <message>
        <source>Adam: vmax: the largest v so far (AMSGrad only)</source>
        <translation>Adam：vmax：迄今最大的 v（仅 AMSGrad）</translation>
    </message>
    <message>
        <source>Lookahead (SGD)</source>
        <translation>Lookahead (SGD)</translation>
    </message>
    <message>
        <source>SGD as the fast optimizer, pulled back toward slow weights every k steps</source>
        <translation>以 SGD 为快优化器，每 k 步被拉回慢权重</translation>
    </message>
    <message>
        <source>SGD: t: steps taken</source>
        <translation>SGD：t：已走的步数</translation>
    </message>
    <message>
        <source>SGD: b: momentum buffer (none until the first step with momentum &gt; 0)</source>
        <translation>SGD：b：动量缓冲（在第一次 momentum &gt; 0 的步之前没有）</translation>
    </message>
    <message>
        <source>SGD: lr per parameter (the effective learning rate)</source>
        <translation>SGD：每个参数的 lr（有效学习率）</translation>
    </message>
    <message>
        <source>mini-batch ∇f(θ) ({n} points)</source>
        <translation>小批量 ∇f(θ)（{n} 个点）</translation>
    </message>
    <message>
        <source>+ noise (σ = {sigma})</source>
        <translation>+ 噪声 (σ = {sigma})</translation>
    </message>
    <message>
        <source>(this step)</source>
        <translation>（本步）</translation>
    </message>
    <message>
        <source>(first step)</source>
        <translation>（第一步）</translation>
    </message>
    <message>
        <source>effective rate</source>
        <translation>有效学习率</translation>
    </message>
    <message>
        <source>eigenvalues of H</source>
        <translation>H 的特征值</translation>
    </message>
    <message>
        <source>f and ∇f evaluations of this step</source>
        <translation>本步的 f 与 ∇f 求值次数</translation>
    </message>
    <message>
        <source>inner iterations of this step</source>
        <translation>本步的内部迭代次数</translation>
    </message>
    <message>
        <source>loss before the last inner step</source>
        <translation>上一个内部步之前的损失</translation>
    </message>
    <message>
        <source>search direction</source>
        <translation>搜索方向</translation>
    </message>
    <message>
        <source>step length from the line search</source>
        <translation>线搜索得到的步长</translation>
    </message>
    <message>
        <source>step length of the last inner iteration</source>
        <translation>上一次内部迭代的步长</translation>
    </message>
    <message>
        <source>(0 where no step)</source>
        <translation>（未迈步处为 0）</translation>
    </message>
    <message>
        <source>0 where σ &lt; 0</source>
        <translation>σ &lt; 0 处为 0</translation>
    </message>
    <message>
        <source>pseudo-inverse of</source>
        <translation>伪逆</translation>
    </message>
</context>
<context>
    <name>presets</name>
    <message>
        <source>Beale: the famous six-racer animation</source>
        <translation>Beale：著名的六参赛者动画</translation>
    </message>
    <message>
        <source>The setting of the well-known optimizer animation: a flat plateau and a narrow valley to (3, 0.5).</source>
        <translation>那个著名优化器动画的设置：一片平坦高原和一条通往 (3, 0.5) 的狭窄山谷。</translation>
    </message>
    <message>
        <source>Himmelblau: four minima, who ends where</source>
        <translation>Himmelblau：四个极小值，谁落在哪里</translation>
    </message>
    <message>
        <source>Four minima: from (-0.25, 0.5) the racers split between three of them.</source>
        <translation>四个极小值：从 (-0.25, 0.5) 出发，参赛者分散到其中三个。</translation>
    </message>
    <message>
        <source>Network: SGD vs Momentum vs AdaGrad vs Adam (the MNIST homework, on digits)</source>
        <translation>网络：SGD、Momentum、AdaGrad 与 Adam 对比（MNIST 作业，用 digits 数据）</translation>
    </message>
    <message>
        <source>The homework&apos;s comparison: a 5-layer network of 100 ReLU units (64-100-100-100-100-10, He init) trained on scikit-learn&apos;s 8x8 digits with mini-batches of 128, each optimizer at the homework&apos;s settings. AdaGrad and Adam drop fastest, SGD slowest.</source>
        <translation>作业中的对比：一个 5 层、每层 100 个 ReLU 单元的网络（64-100-100-100-100-10，He 初始化），在 scikit-learn 的 8x8 digits 上以 128 的小批量训练，每个优化器使用作业中的设置。AdaGrad 和 Adam 下降最快，SGD 最慢。</translation>
    </message>
    <message>
        <source>Network: two moons, a small tanh network (fast)</source>
        <translation>网络：双月数据，一个小型 tanh 网络（快速）</translation>
    </message>
    <message>
        <source>A 2-16-16-2 tanh network learning to separate two interleaving half circles (1,000 noisy points, mini-batches of 32). Momentum, AdaGrad and Adam reach 99% test accuracy in 300 steps; plain SGD at lr 0.1 is still bending its boundary.</source>
        <translation>一个 2-16-16-2 的 tanh 网络学习分开两个交错的半圆（1,000 个含噪点，小批量 32）。Momentum、AdaGrad 和 Adam 在 300 步内达到 99% 的测试准确率；lr 为 0.1 的朴素 SGD 仍在弯曲它的决策边界。</translation>
    </message>
    <message>
        <source>Rosenbrock: the banana valley</source>
        <translation>Rosenbrock：香蕉形山谷</translation>
    </message>
    <message>
        <source>Finding the curved valley is easy; following it to (1, 1) is not.</source>
        <translation>找到弯曲的山谷很容易；沿着它走到 (1, 1) 却不容易。</translation>
    </message>
    <message>
        <source>Saddle: who escapes?</source>
        <translation>鞍点：谁能逃离？</translation>
    </message>
    <message>
        <source>x² − y² started just off the ridge y = 0: plain SGD crawls toward the saddle before it escapes.</source>
        <translation>x² − y²，起点紧挨着山脊 y = 0：朴素 SGD 先向鞍点爬行，然后才逃离。</translation>
    </message>
    <message>
        <source>Learning-rate schedules on noisy gradients</source>
        <translation>含噪梯度上的学习率调度</translation>
    </message>
    <message>
        <source>The same SGD racer on a bowl with gradient noise: a constant rate stalls at a noise floor, decaying schedules settle closer to the minimum.</source>
        <translation>同一个 SGD 参赛者在带梯度噪声的碗上：常数学习率停在噪声底部，衰减的调度更接近极小值。</translation>
    </message>
    <message>
        <source>SGD vs mini-batch vs batch gradient descent</source>
        <translation>SGD、小批量与批量梯度下降对比</translation>
    </message>
    <message>
        <source>Linear regression on 100 noisy points: the full batch, mini-batches of 10 and single samples at the same learning rate. Watch the noise in the paths, the loss and the fitted lines.</source>
        <translation>在 100 个含噪点上做线性回归：完整批量、大小为 10 的小批量和单个样本，学习率相同。观察路径、损失和拟合直线中的噪声。</translation>
    </message>
    <message>
        <source>Textbook: SGD vs Momentum vs AdaGrad vs Adam</source>
        <translation>教科书：SGD、Momentum、AdaGrad 与 Adam 对比</translation>
    </message>
    <message>
        <source>The classic figure: a stretched bowl x²/20 + y², 30 steps from (-7, 2).</source>
        <translation>经典图示：拉长的碗 x²/20 + y²，从 (-7, 2) 出发走 30 步。</translation>
    </message>
</context>
<context>
    <name>problems</name>
    <message>
        <source>a multilayer perceptron trained with softmax cross-entropy on a data set</source>
        <translation>用 softmax 交叉熵在数据集上训练的多层感知机</translation>
    </message>
    <message>
        <source>scikit-learn&apos;s handwritten digits: 1,797 8x8 images, 10 classes</source>
        <translation>scikit-learn 的手写数字：1,797 张 8x8 图像，10 个类别</translation>
    </message>
    <message>
        <source>two interleaving half circles, 2-D, 2 classes (n points, noise)</source>
        <translation>两个交错的半圆，二维，2 个类别（n 个点，噪声）</translation>
    </message>
    <message>
        <source>two concentric circles, 2-D, 2 classes (n points, noise)</source>
        <translation>两个同心圆，二维，2 个类别（n 个点，噪声）</translation>
    </message>
    <message>
        <source>three spiral arms, 2-D, 3 classes (n points, noise)</source>
        <translation>三条螺旋臂，二维，3 个类别（n 个点，噪声）</translation>
    </message>
    <message>
        <source>MNIST from the IDX files in --data DIR: 28x28 images, 10 classes</source>
        <translation>来自 --data DIR 中 IDX 文件的 MNIST：28x28 图像，10 个类别</translation>
    </message>
    <message>
        <source>Fashion-MNIST from the IDX files in --data DIR: 28x28 images, 10 classes</source>
        <translation>来自 --data DIR 中 IDX 文件的 Fashion-MNIST：28x28 图像，10 个类别</translation>
    </message>
    <message>
        <source>data, train/test split and initial weights</source>
        <translation>数据、训练/测试划分和初始权重</translation>
    </message>
    <message>
        <source>points of a generated data set (moons, circles, spirals)</source>
        <translation>生成数据集的点数（moons、circles、spirals）</translation>
    </message>
    <message>
        <source>noise of a generated data set (circles 0.05, spirals 0.03 unless given)</source>
        <translation>生成数据集的噪声（未给出时 circles 为 0.05，spirals 为 0.03）</translation>
    </message>
    <message>
        <source>share of a bundled/generated set held out for testing</source>
        <translation>自带/生成数据集中留作测试的比例</translation>
    </message>
    <message>
        <source>evaluate test loss and accuracy every k steps</source>
        <translation>每 k 步评估一次测试损失和准确率</translation>
    </message>
    <message>
        <source>at most this many test points are evaluated</source>
        <translation>至多评估这么多个测试点</translation>
    </message>
</context>
<context>
    <name>surfaces</name>
    <message>
        <source>Sphere</source>
        <translation>球面</translation>
    </message>
    <message>
        <source>a perfectly round bowl: the baseline every optimizer should win by going straight in</source>
        <translation>完美的圆形碗：每个优化器都应径直走进去取胜的基准</translation>
    </message>
    <message>
        <source>Elongated bowl</source>
        <translation>狭长碗</translation>
    </message>
    <message>
        <source>a bowl twenty times steeper across than along: zigzagging down a ravine</source>
        <translation>横穿峡谷方向比沿峡谷方向陡二十倍的碗：在峡谷中之字形下降</translation>
    </message>
    <message>
        <source>Ill-conditioned quadratic</source>
        <translation>病态二次函数</translation>
    </message>
    <message>
        <source>a tilted bowl with condition number κ: a ravine not aligned with the axes</source>
        <translation>条件数为 κ 的倾斜碗：不与坐标轴对齐的峡谷</translation>
    </message>
    <message>
        <source>condition number κ: curvature across the valley over curvature along it</source>
        <translation>条件数 κ：横跨山谷的曲率与沿山谷的曲率之比</translation>
    </message>
    <message>
        <source>direction θ of the valley floor, in degrees from the x axis</source>
        <translation>谷底方向 θ，与 x 轴所成的角度（度）</translation>
    </message>
    <message>
        <source>Saddle</source>
        <translation>鞍面</translation>
    </message>
    <message>
        <source>a saddle point at the origin, unbounded below: does an optimizer stall there or escape?</source>
        <translation>原点处的鞍点，无下界：优化器会停在那里还是逃离？</translation>
    </message>
    <message>
        <source>Monkey saddle</source>
        <translation>猴鞍面</translation>
    </message>
    <message>
        <source>a flat degenerate saddle with three downhill valleys: gradients vanish with no minimum in sight</source>
        <translation>平坦的退化鞍点，有三条下坡山谷：梯度消失，却看不到极小值</translation>
    </message>
    <message>
        <source>Rosenbrock</source>
        <translation>Rosenbrock</translation>
    </message>
    <message>
        <source>a curved narrow valley: pathological curvature</source>
        <translation>弯曲狭窄的山谷：病态曲率</translation>
    </message>
    <message>
        <source>Beale</source>
        <translation>Beale</translation>
    </message>
    <message>
        <source>flat plateaus and steep ridges across a huge range of values: a test of step-size robustness</source>
        <translation>数值范围极大的平坦高原与陡峭山脊：检验步长的稳健性</translation>
    </message>
    <message>
        <source>Booth</source>
        <translation>Booth</translation>
    </message>
    <message>
        <source>a tilted, mildly elongated bowl: a warm-up any optimizer should win</source>
        <translation>倾斜、略狭长的碗：任何优化器都该赢下的热身</translation>
    </message>
    <message>
        <source>Matyas</source>
        <translation>Matyas</translation>
    </message>
    <message>
        <source>a flat diagonal valley: progress stalls along the shallow direction</source>
        <translation>平坦的对角山谷：沿平缓方向进展停滞</translation>
    </message>
    <message>
        <source>Himmelblau</source>
        <translation>Himmelblau</translation>
    </message>
    <message>
        <source>four equally deep minima: which one does each optimizer fall into?</source>
        <translation>四个同样深的极小值：每个优化器会落入哪一个？</translation>
    </message>
    <message>
        <source>Three-hump camel</source>
        <translation>三峰驼背函数</translation>
    </message>
    <message>
        <source>a global minimum between two local ones: does an optimizer get caught on a side hump?</source>
        <translation>全局最小值位于两个局部极小值之间：优化器会被侧面的驼峰困住吗？</translation>
    </message>
    <message>
        <source>Six-hump camel</source>
        <translation>六峰驼背函数</translation>
    </message>
    <message>
        <source>six minima, two of them global: which basin does each optimizer end in?</source>
        <translation>六个极小值，其中两个是全局最小值：每个优化器最终落在哪个吸引域？</translation>
    </message>
    <message>
        <source>Goldstein–Price</source>
        <translation>Goldstein–Price</translation>
    </message>
    <message>
        <source>values spanning six decades around several local minima: step sizes under a huge dynamic range</source>
        <translation>在多个局部极小值周围跨越六个数量级的数值：巨大动态范围下的步长</translation>
    </message>
    <message>
        <source>McCormick</source>
        <translation>McCormick</translation>
    </message>
    <message>
        <source>a long diagonal valley with a shallower second minimum at its far end: which way does it roll?</source>
        <translation>狭长的对角山谷，远端有一个较浅的第二极小值：它会滚向哪边？</translation>
    </message>
    <message>
        <source>Rastrigin</source>
        <translation>Rastrigin</translation>
    </message>
    <message>
        <source>an egg-crate of local minima over a bowl: can an optimizer escape them?</source>
        <translation>碗上布满局部极小值的蛋格：优化器能逃离它们吗？</translation>
    </message>
    <message>
        <source>Ackley</source>
        <translation>Ackley</translation>
    </message>
    <message>
        <source>a bumpy, nearly flat plain around one deep narrow hole: many local minima and a sharp global one</source>
        <translation>崎岖、近乎平坦的平原围绕一个又深又窄的洞：许多局部极小值和一个尖锐的全局最小值</translation>
    </message>
    <message>
        <source>Lévi N.13</source>
        <translation>Lévi N.13</translation>
    </message>
    <message>
        <source>a rippled bowl full of local minima: does momentum carry an optimizer over the ripples?</source>
        <translation>布满局部极小值的波纹碗：动量能带着优化器越过波纹吗？</translation>
    </message>
    <message>
        <source>Styblinski–Tang</source>
        <translation>Styblinski–Tang</translation>
    </message>
    <message>
        <source>four minima of different depths: does an optimizer find the deepest one?</source>
        <translation>四个深度不同的极小值：优化器能找到最深的那个吗？</translation>
    </message>
    <message>
        <source>Easom</source>
        <translation>Easom</translation>
    </message>
    <message>
        <source>a flat plateau with one narrow hole: vanishing gradients far from the minimum</source>
        <translation>带一个窄洞的平坦高原：远离极小值处梯度消失</translation>
    </message>
    <message>
        <source>Linear regression (MSE)</source>
        <translation>线性回归（MSE）</translation>
    </message>
    <message>
        <source>the mean squared error of a straight line fitted to noisy points, over its intercept and slope: a long ravine, narrower the farther the data lie from x = 0</source>
        <translation>拟合含噪点的直线的均方误差，变量为截距和斜率：一条狭长峡谷，数据离 x = 0 越远越窄</translation>
    </message>
    <message>
        <source>number of data points</source>
        <translation>数据点的个数</translation>
    </message>
    <message>
        <source>standard deviation of the Gaussian noise on the targets</source>
        <translation>目标值上高斯噪声的标准差</translation>
    </message>
    <message>
        <source>true intercept the data are drawn from</source>
        <translation>生成数据所用的真实截距</translation>
    </message>
    <message>
        <source>true slope the data are drawn from</source>
        <translation>生成数据所用的真实斜率</translation>
    </message>
    <message>
        <source>inputs are uniform on [x_min, x_max]</source>
        <translation>输入在 [x_min, x_max] 上均匀分布</translation>
    </message>
    <message>
        <source>seed of the random data (same seed, same data)</source>
        <translation>随机数据的种子（相同种子，相同数据）</translation>
    </message>
    <message>
        <source>Logistic regression (cross-entropy)</source>
        <translation>逻辑回归（交叉熵）</translation>
    </message>
    <message>
        <source>the mean cross-entropy of a two-weight linear classifier on noisy labelled points: a smooth basin with nearly straight walls far from the minimum</source>
        <translation>双权重线性分类器在含噪标注点上的平均交叉熵：一个平滑的盆地，远离极小值处的壁几乎是直的</translation>
    </message>
    <message>
        <source>number of data points (the contour map costs O(n): at most 2000)</source>
        <translation>数据点的个数（等高线图的代价为 O(n)：至多 2000）</translation>
    </message>
    <message>
        <source>true weight of feature 1 the labels are drawn with</source>
        <translation>生成标签所用的特征 1 的真实权重</translation>
    </message>
    <message>
        <source>true weight of feature 2 the labels are drawn with</source>
        <translation>生成标签所用的特征 2 的真实权重</translation>
    </message>
    <message>
        <source>features are separation × N(0, I): larger margins, so the classes overlap less</source>
        <translation>特征为 separation × N(0, I)：间隔越大，类别重叠越少</translation>
    </message>
</context>
</TS>
