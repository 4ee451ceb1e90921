"""Round 8 of the de-identification benchmark: blind templates, to be scored once.

Written blind on 2026-11-22 by someone who had not seen the recognizers (src/openmfm/), their
tests, the docs or any earlier score, and who did not run the de-identifier while writing them.
Only benchmarks/deid.py, benchmarks/deid_round6.py and benchmarks/deid_round7.py were read, for
the format and so that the note styles below are new. The set is meant to be scored ONCE, to
measure how the de-identifier does on note styles it has never been tuned on. Once scored it is
no longer blind: do not tune on it.

Note styles not used by rounds 1-7: nursing admission assessment checklist (☑/☐, [x]/[ ]),
medication administration record (| table, staff initials), discharge instructions written to
the patient in the second person (您 / you), outpatient appointment reminder SMS threads, a
医联体 two-way referral submitted through the hospital WeChat mini-program, 门诊慢特病备案表,
住院病案首页 (front sheet: 出生地, 籍贯, 户口地址, 邮编, 单位地址), 工伤认定申请表 and an
employer's first report of work injury, radiotherapy plan summaries, lab critical-value phone
logs, interpreter-service requests for foreign patients (transliterated and original names,
passport, 外国人永久居留身份证, A-Number), clinic waiting-list spreadsheet dumps (CSV and
tab-separated), a hospital chaplaincy / spiritual-care note, a CSV export with a header row, a
FHIR-like JSON Patient resource pasted as text, and dictated notes with spoken punctuation
("comma", "period", "new paragraph"; 逗号, 句号, 换行) from speech recognition.

What they exercise: names in checklists, MAR signature logs (initials mapped to names), CSV
cells ("LAST, First" inside quotes), JSON "family"/"given" keys, preferred names, middle names,
surname-only SMS greetings, foreign names in Chinese notes (安娜·伊万诺娃 / Anna Ivanova) and
Hispanic / Arabic / Vietnamese / Somali names in English ones; dates with a weekday beside them,
spoken dates ("march fifth nineteen forty two", 2023年3月份, 3月5号), ISO dates in CSV and JSON,
month-year hire dates; phones spoken or written as words (幺三八..., 138 1234 5678), bare
10-digit phones in CSV cells; 邮编 and ZIP codes, birthplace and 籍贯 at city level, work and
accident addresses; e-bike plates; identifiers behind labels invented here (病案号, 健康卡号,
放疗号, 面罩编号, 标本号, 备案编号, 工伤认定申请编号, 转诊单号, 预约识别码, 报告查询码, openid,
登记号, WL#, RO #, Accession, Request ID, Conf#, Claim #, Employee ID, A-Number, FHIR id).

Non-PHI look-alikes are left unlabelled on purpose: times of day alone, weekdays, doses, lab
values, Gy / fraction counts, ICD-10 codes, SMS short codes, staff extensions and pager numbers,
organisation codes, asset numbers of hospital equipment, bed and room numbers, ages under 90,
languages, nationalities, hospital and department names, job titles and relationship words.

Every PHI value comes from a placeholder, so deid.render() labels it. New placeholders and
their categories are in ROUND8_CATEGORY (merged into deid.CATEGORY on import; the names do not
collide with earlier rounds). Round-8 notes also draw the round-1, -5, -6 and -7 fields, so
templates may use e.g. {rel_zh}, {rel}, {kin2}, {pt_sur}, {name2}, {cname}, {age90}, {sex_1}.

Build notes: make_round8_notes(n, seed) -> [(lang, text, spans)], half zh, half en, like
deid.make_notes. `python benchmarks/deid_round8.py` only renders and checks the gold labels.
"""

from __future__ import annotations

import random
import sys
from datetime import date
from pathlib import Path

from faker import Faker

sys.path.insert(0, str(Path(__file__).resolve().parent))
import deid  # noqa: E402  (benchmarks/deid.py)
import deid_round6 as r6  # noqa: E402  (round-6 fields; also merges ROUND6_CATEGORY)
import deid_round7 as r7  # noqa: E402  (round-7 fields and helpers; also merges ROUND7_CATEGORY)

ROUND8_ZH = [
    # 1. Nursing admission assessment checklist.
    "{hosp}　护理入院评估单\n病区：心内科一病区　床号：{bed}　住院号：{mrn}\n姓名：{name}　性别：{sex}　年龄：{age}岁　入院时间：{dt8a}\n"
    "入院方式：☐步行　☑轮椅　☐平车\n资料来源：☐患者本人　☑家属（{rel8}，{rel_zh}）　☐其他\n"
    "联系电话：{tel8a}　　备用联系人：{kin2}（{tel8b}）\n过敏史：☑有（青霉素，皮疹）　☐无\n"
    "生活习惯：吸烟 ☑ 20支/日×30年　饮酒 ☐　睡眠 ☑需药物辅助\n"
    "Braden评分：14分（中危）　Morse跌倒评分：55分（高危）　Barthel指数：45分（中度依赖）\n"
    "体内植入物：☑心脏起搏器（患者随身卡序列号{dev8}）　☐人工关节　☐支架\n宗教信仰：☐无　☑有（基督教）\n"
    "入院宣教：☑病区环境　☑探视制度　☑防跌倒　☑呼叫器使用　☑贵重物品自管\n"
    "评估护士：{staff8a}　　核对：{staff8b}　　评估时间：{dt8b}",
    # 2. Medication administration record, | table.
    "长期医嘱执行单（给药记录）\n科室：呼吸内科　{bed}床　{name}　住院号：{mrn}　体重 52kg　过敏：磺胺\n执行日期：{d8a}\n"
    "时间 | 药品 | 剂量/途径 | 执行护士 | 核对护士 | 备注\n"
    "08:00 | 哌拉西林他唑巴坦 | 4.5g ivgtt q8h | {staff8a} | {staff8b} | 皮试(-)\n"
    "08:00 | 甲泼尼龙 | 40mg iv qd | {staff8a} | {staff8b} |\n"
    "11:30 | 门冬胰岛素 | 6U ih | {nick8} | {staff8b} | 餐前指尖血糖 11.2\n"
    "16:00 | 哌拉西林他唑巴坦 | 4.5g ivgtt q8h | {staff8c} | {nick8} |\n"
    "21:00 | 唑吡坦 | 5mg po qn | {staff8c} | — | 拒服，已告知值班医生{doc8}\n"
    "患者自带胰岛素泵（序列号{dev8}），基础率由患者自行管理，护士每班核对。\n备注：患者{rel_zh}{rel8}自带中药汤剂，已告知住院期间暂停服用。",
    # 3. Outpatient appointment reminder SMS (two messages).
    "【{hosp}】尊敬的{pt_sur}{hon8}，您已成功预约{d8sms}（{wd8}）上午09:30-10:00神经内科{doc8}主任专家门诊，就诊序号15，"
    "预约识别码{appt8}。请提前30分钟凭身份证或电子健康卡到门诊2楼自助机签到，过号需重新排队。"
    "如需取消，请于就诊前一日16:00前登录{url8}操作。退订回T\n"
    "【{hosp}】{name}您好，您于{d8c}送检的甲状腺功能报告已出，报告查询码{rep8}，可在自助机打印。如有疑问请致电{tel8b}。",
    # 4. Two-way referral via the hospital WeChat mini-program.
    "{hosp}医联体双向转诊（微信小程序提交）\n转诊单号：{ref8}\n提交时间：{dt8a}　提交人：{staff8a}（{hosp2}全科医生，工号{emp8}）\n"
    "患者信息\n· 姓名：{name}\n· 身份证：{rid}\n· 手机：{tel8a}\n· 医保个人编号：{ins8}\n· 现住址：{addr8}\n"
    "转诊原因：2型糖尿病，三种口服降糖药联合治疗HbA1c 9.6%，申请内分泌科评估胰岛素方案。\n"
    "接诊科室：内分泌科　预约就诊：{dt8b}\n状态：已接收（接收人：{staff8b}）\n"
    "留言：患者{rel_zh}{rel8}：“老人不会用手机，有事请打我电话{tel8b}，谢谢！”\n小程序用户openid：{openid8}",
    # 5. Outpatient chronic / special disease registration form.
    "门诊慢特病待遇认定（备案）表\n备案编号：{mt8}\n参保人姓名：{name}　性别：{sex}　出生日期：{dob8}\n社会保障卡号：{rid}\n"
    "医保个人编号：{ins8}　参保类别：城乡居民基本医疗保险\n联系电话：{tel8a}　　现居住地址：{addr8}　邮编：{zip8}\n"
    "申请病种：☑高血压（合并靶器官损害）　☑2型糖尿病　☐慢性肾衰竭（透析）　☐恶性肿瘤门诊治疗\n"
    "诊断依据：{hosp}{d8a}出院记录；糖化血红蛋白8.4%，尿微量白蛋白/肌酐 86mg/g\n"
    "认定医师：{doc8}（医师执业证书编码{lic8}）　　选定定点医疗机构：{hosp2}\n"
    "经办人：{staff8a}　　受理日期：{d8b}\n待遇享受起始日期：{d8c}",
    # 6. Inpatient medical record front sheet.
    "住院病案首页\n医疗机构：{hosp}　　组织机构代码：47000123-4\n医疗付费方式：1.城镇职工基本医疗保险　　健康卡号：{hc8}　　第 2 次住院　　病案号：{ba8}\n"
    "姓名 {name}　性别 {sex}　出生日期 {dob8}　年龄 {age}岁　国籍 中国\n出生地 {bp8}　籍贯 {jg8}　民族 汉族\n"
    "身份证号 {rid}　职业 退休人员　婚姻 已婚\n现住址 {addr8}　电话 {tel8a}　邮编 {zip8}\n户口地址 {addr8b}　邮编 {zip8b}\n"
    "工作单位地址 {waddr8}　单位电话 {tel8b}\n联系人姓名 {rel8}　关系 {rel_zh}　地址 同现住址　电话 {tel8c}\n"
    "入院途径 2.门诊　入院时间 {dt8a}　入院科别 神经内科　病房 7病区\n出院时间 {dt8b}　出院科别 神经内科　实际住院 9 天\n"
    "门（急）诊诊断 脑梗死　疾病编码 I63.900\n主要诊断 脑梗死（左侧大脑中动脉供血区）　疾病编码 I63.901　入院病情 1.有\n"
    "科主任 {doc8}　主任（副主任）医师 {staff8a}　主治医师 {staff8b}　住院医师 {staff8c}　责任护士 {nick8}\n"
    "编码员 {staff8d}　病案质量 甲　质控日期 {d8a}",
    # 7. Work-injury recognition application.
    "工伤认定申请表\n申请编号：{gs8}\n受伤害职工姓名：{name}　性别：{sex}　出生日期：{dob8}\n身份证号码：{rid}\n"
    "联系电话：{tel8a}　　家庭地址：{addr8}\n工作岗位（工种）：外卖配送员　　参加工作时间：{my8}\n"
    "用人单位地址：{waddr8}　　单位联系人：{staff8c}　　电话：{tel8b}\n事故时间：{dt8a}　　事故地点：{loc8}\n"
    "受伤害经过简述：该职工驾驶电动自行车（号牌{plate8}）配送途中，在上述路口与右转货车发生碰撞，致右小腿开放性骨折，由路人拨打120送至{hosp}急诊。\n"
    "诊断时间：{d8a}　　受伤害部位：右胫腓骨　　职业病名称：无\n"
    "申请人：{rel8}（受伤害职工之{rel_zh}，受委托代为申请）　　申请人电话：{tel8c}\n申请日期：{d8b}",
    # 8. Radiotherapy plan summary.
    "{hosp}放疗科　放射治疗计划单（摘要）\n放疗号：{rt8}　　住院号：{mrn}\n患者：{name}　{sex}　{age}岁　　CT模拟定位：{d8a}\n"
    "诊断：鼻咽非角化性未分化型癌 cT3N2M0 IVA期（AJCC第8版）\n技术：VMAT　能量 6MV　加速器：2号机\n"
    "处方剂量：PGTVnx 70Gy/33F，PGTVnd 66Gy/33F，PTV1 60Gy/33F，PTV2 54Gy/33F\n"
    "危及器官限量：脑干Dmax<54Gy，脊髓Dmax<45Gy，腮腺Dmean<26Gy\n热塑面罩编号：{mask8}　　同步化疗：顺铂 100mg/m² q3w\n"
    "首次治疗：{d8b}　　预计结束：{d8c}\n计划设计：{staff8a}（物理师）　　计划审核：{staff8b}　　主管医生：{doc8}\n"
    "家属{rel8}（{rel_zh}）联系电话：{tel8a}",
    # 9. Lab critical-value phone log, | table.
    "检验科危急值报告登记本\n序号 | 报告时间 | 标本号 | 患者姓名 | 住院号/门诊号 | 科室 | 项目 | 结果 | 接听人 | 报告人\n"
    "1 | {dt8a} | {spec8a} | {name} | {mrn} | 肾内科{bed}床 | 血钾 | 6.9mmol/L↑↑ | {staff8a} | {staff8b}\n"
    "2 | {dt8b} | {spec8b} | {name2} | {mrn8b} | 门诊 | 血糖 | 1.9mmol/L↓↓ | 患者本人 | {staff8b}\n"
    "3 | {dt8c} | {spec8c} | {name3} | {mrn8c} | 儿科 | 血小板 | 12×10^9/L↓↓ | {nick8} | {staff8d}\n"
    "备注：第2条为门诊患者，已电话（{tel8a}）通知本人立即来院急诊，15分钟后复核已到院。",
    # 10. Interpreter request for a foreign patient.
    "国际医疗部　外籍患者翻译服务申请单\n申请编号：{itp8}\n患者姓名（中文译名）：{fname8_zh}　　（护照姓名）：{fname8}\n"
    "国籍：{nat8}　　语言：{lang8}\n护照号码：{pass8}　　外国人永久居留身份证号码：{prc8}\n"
    "出生日期：{dob8}　　联系电话：{tel8a}　　电子邮箱：{mail8}\n在华住址：{addr8}\n"
    "就诊科室：产科门诊　就诊时间：{dt8a}\n翻译方式：☑现场口译　☐视频远程　☐电话\n指定译员：{staff8a}\n"
    "紧急联系人：{fname8b}（配偶），{tel8b}\n申请人：{staff8b}（产科护士长）　　审批：{staff8c}",
    # 11. Waiting-list spreadsheet dump, CSV.
    "住院待床登记表（Excel导出，{d8a}）\n登记号,姓名,性别,年龄,手机,拟入科室,登记日期,备注\n"
    "{wl8a},{name},{sex},{age},{tel8m},骨科,{d8b},右膝置换 术前检查已完成\n"
    "{wl8b},{name2},男,67,{tel8m2},骨科,{d8c},腰椎管狭窄 需家属{rel8}陪同\n"
    "{wl8c},{cname},女,58,{tel8m3},骨科,{d8d},优先（骨转移疼痛）\n登记人：{staff8a}",
    # 12. Voice-input outpatient note with spoken punctuation, unproofed.
    "【语音录入，未校对】\n门诊病历 患者{name}逗号{sex}逗号{age}岁句号 主诉反复上腹痛半年逗号加重三天句号 换行 "
    "现病史患者半年前无明显诱因出现上腹隐痛逗号进食后加重句号 {d8sp}在{hosp2}做过胃镜说是胃溃疡句号 换行 "
    "既往史否认高血压糖尿病句号 陪诊的{rel_zh}{rel8}说患者最近黑便两次句号 换行 "
    "处理开奥美拉唑肠溶胶囊20毫克每日两次句号 预约{d8sp2}复查胃镜句号 患者联系电话{tel8sp}句号 换行 医生{doc8}口述",
    # 13. Discharge instructions addressed to the patient (您).
    "{hosp}出院指导（请您妥善保管）\n{name}，您好：\n您于{d8a}因“急性结石性胆囊炎”入住我院肝胆外科，{d8b}行腹腔镜胆囊切除术，现已康复出院。\n"
    "1. 您的伤口：腹部共3处小切口，使用可吸收缝线，不需要拆线。请保持伤口干燥，{d8c}前不要泡澡或游泳。\n"
    "2. 您的饮食：一个月内以低脂饮食为主，少吃油炸食品、肥肉和蛋黄，少量多餐。\n"
    "3. 您的药物：熊去氧胆酸胶囊 250mg，每日2次，饭后服用，共4周。\n"
    "4. 您的复诊：请于{d8d}上午到肝胆外科{doc8}医生门诊复查，挂号可拨打{tel8a}或登录{url8}预约。\n"
    "5. 如果您出现发热超过38.5℃、皮肤或眼睛发黄、腹痛加重，请立即到急诊就诊或拨打120。\n"
    "病区护士站电话：{tel8b}（24小时）　　责任护士：{staff8a}\n您的住院号：{mrn}，复诊时请携带本指导单。\n出院日期：{d8e}",
]

ROUND8_EN = [
    # 1. Nursing admission assessment checklist.
    "NURSING ADMISSION ASSESSMENT\nPatient: {name}    MRN: {mrn}    Room 6B-14    Admitted: {dt8a}\n"
    "Information obtained from: [ ] patient  [x] family - {rel8} ({rel})  [ ] old chart\n"
    "Preferred name: \"{pref8}\"    Primary language: English    Interpreter needed: [ ] yes  [x] no\n"
    "Allergies: [x] latex (hives)  [x] codeine (vomiting)  [ ] NKDA\n"
    "Implanted devices: [x] insulin pump, S/N {dev8} - patient to self-manage per policy  [ ] pacemaker/ICD  [ ] port\n"
    "Morse Fall Scale: 65 (high risk)    Braden: 15    Pain: 4/10 low back\n"
    "Lives: [ ] alone  [x] with spouse, {addr8}\nHome phone {tel8a}; spouse's cell {tel8b}\n"
    "Advance directive: [x] yes, copy scanned  Health care proxy: {rel8}\n"
    "Valuables: [x] wedding ring sent home with family  [x] glasses at bedside  [ ] dentures\n"
    "Orientation to unit: [x] call light  [x] bed alarm  [x] visiting hours\n{staff8a}, RN    Co-signed: {staff8b}, RN  {dt8b}",
    # 2. Medication administration record, | table with initials.
    "MEDICATION ADMINISTRATION RECORD    Date: {d8a}\n{name_lf}    MRN {mrn}    DOB {dob8}    Wt 71.4 kg    Allergies: sulfa\n"
    "Medication | Dose/Route | Schedule | Given | Initials\n"
    "vancomycin | 1,250 mg IV | q12h | 0900 / 2100 | {init8a} / {init8b}\n"
    "enoxaparin | 40 mg subcut | daily | 0900 | {init8a}\n"
    "insulin lispro | per sliding scale | AC/HS | 1130 (4 units) / 1700 (6 units) | {init8a} / {init8b}\n"
    "oxycodone | 5 mg PO | q4h PRN | 1415 (pain 7/10) | {init8a}\n"
    "melatonin | 3 mg PO | HS | refused | {init8b}\n"
    "Signature log: {init8a} = {staff8a}, RN; {init8b} = {staff8b}, RN\n"
    "Pharmacy verified by {staff8c}, PharmD. Vancomycin trough due before the 0900 dose on {md8}.",
    # 3. Discharge instructions written to the patient.
    "DISCHARGE INSTRUCTIONS FOR: {name}\n\nWhy you were in the hospital: You came in on {d8a} with a blood clot in your left leg (DVT).\n\n"
    "Your new medicine: apixaban (Eliquis) 10 mg twice a day until {md8}, then 5 mg twice a day. Do not skip doses, and do not take ibuprofen or naproxen.\n\n"
    "When to get help: Call 911 if you have sudden shortness of breath, chest pain, or you cough up blood.\n\n"
    "Your follow-up: {staff8a}, NP, at the Anticoagulation Clinic on {d8b} at 10:40 AM. Call {tel8a} if you need to change this.\n\n"
    "Your lab orders were sent to the draw station closest to your home ({addr8}).\n"
    "Questions after hours? Nurse advice line: {tel8b}. You can also message us at {url8}.\n\n"
    "You told us your daughter {rel8} will pick up your prescriptions, so we gave her a copy of this sheet.\n"
    "You were discharged on {d8c} by Dr. {doc8_last}.",
    # 4. Appointment reminder SMS thread.
    "SMS from 22913: {hosp2}: Hi {first}! Reminder: appt with {staff8a} on {d8sms} ({wd8}) at 2:15pm, Elm St office, 3rd floor. "
    "Reply C to confirm or R to reschedule. Conf# {appt8}. Reply STOP to opt out.\n"
    "> C\nSMS from 22913: Thanks, you're confirmed. Please bring your insurance card and photo ID and arrive 15 min early.\n"
    "> wait is this for me or my mom {name}\n"
    "SMS from 22913: This appointment is for {name}, DOB {dob8}. For other questions call {tel8a}.",
    # 5. Surgical waiting list, tab-separated dump.
    "ORTHO SURGERY WAITLIST - export {d8a}\nWL#\tPatient\tDOB\tPhone\tProcedure\tSurgeon\tListed\tPriority\tNotes\n"
    "{wl8a}\t{csv_name}\t{dob8}\t{tel8a}\tR TKA\t{doc8_last}\t{d8b}\tP3\tpre-op done\n"
    "{wl8b}\t{csv_name2}\t{dob8b}\t{tel8b}\tL THA\t{doc8_last}\t{d8c}\tP2\tneeds {lang8} interpreter; daughter {rel8} coordinates\n"
    "{wl8c}\t{csv_name3}\t{dob8c}\t{tel8c}\tACL recon\t{staff8a}\t{d8d}\tP4\tcollege student, wants summer\n(3 rows)",
    # 6. Spiritual care (chaplaincy) note.
    "SPIRITUAL CARE NOTE\nChaplain visit {dt8a}, MICU bed 9. Referral from {staff8a}, RN.\n"
    "Patient {name} ({age}) remains intubated and sedated. Met at bedside with his wife, {rel8}, and their pastor from home, Rev. {pastor8}.\n"
    "{rel8} shared that they have been married for decades and that {first} \"would never want to be kept going on machines.\" "
    "She asked for prayer and for communion to be brought tomorrow. Anointing of the sick requested; Fr. {priest8} paged.\n"
    "Their daughter {rel8b} is flying in from {city8} tonight; her cell is {tel8a}. Family meeting with the ICU team planned for {md8}.\n"
    "Plan: follow daily; available for the family meeting.\n{staff8b}, M.Div., BCC, Staff Chaplain, pager 4471",
    # 7. Interpreter services request.
    "INTERPRETER SERVICES REQUEST\nRequest ID: {itp8}    Submitted {dt8a} by {staff8a} (L&D charge RN), ext 5-2231\n"
    "Language: {lang8}    Note: patient prefers a female interpreter\nModality: [x] in person  [ ] video (VRI)  [ ] phone\n"
    "Patient: {fname8}    MRN: {mrn}    DOB: {dob8}\nLocation: Labor & Delivery, room 7    Needed: {dt8b}, consent for cesarean delivery\n"
    "Family present: husband {fname8b} (speaks some English; not to be used as interpreter per policy)\n"
    "Patient cell: {tel8a}    A-Number (on file for Emergency Medicaid): {anum8}\n"
    "Assigned: {staff8b}, CHI    Confirmed by: {staff8c}",
    # 8. Lab critical-value phone log.
    "CRITICAL VALUE CALL LOG - CHEMISTRY\nDate/Time | Accession | Patient | MRN | Test | Result | Called to | Read back | Tech\n"
    "{dt8a} | {acc8a} | {name_lf} | {mrn} | Potassium | 6.8 mmol/L (H*) | {staff8a}, RN | Y | {init8a}\n"
    "{dt8b} | {acc8b} | {csv_name2} | {mrn8b} | Glucose | 38 mg/dL (L*) | Dr. {doc8_last} | Y | {init8a}\n"
    "{dt8c} | {acc8c} | {csv_name3} | {mrn8c} | Troponin I hs | 1,240 ng/L (H*) | outpatient - VM left at {tel8a} | N | {init8b}\n"
    "Item 3 escalated to the pathologist on call ({staff8c}) per policy; patient reached by {staff8b}, RN, 40 min later and sent to ED.",
    # 9. Employer's first report of work injury.
    "EMPLOYER'S FIRST REPORT OF WORK-RELATED INJURY OR ILLNESS\nClaim #: {wc8}    Date of injury: {d8a}    Time: 06:40 AM\n"
    "Employee: {name}    SSN: {ssn}    DOB: {dob8}\nHome address: {addr8}\nPhone: {tel8a}    Employee ID: {emp8}\n"
    "Occupation: delivery rider    Date hired: {my8}\nPlace of injury: {loc8}\n"
    "Description: Employee was riding a company e-bike (plate {plate8}) when a parked car's door opened; thrown to the pavement, struck right shoulder and head (helmet on).\n"
    "Treating facility: {hosp2} ED    Treating physician: Dr. {doc8_last}\nSupervisor: {staff8a}, {tel8b}\n"
    "Report prepared by: {staff8b}, HR, {mail8}\nDate reported to carrier: {d8b}",
    # 10. Radiotherapy plan summary.
    "RADIATION ONCOLOGY - TREATMENT PLAN SUMMARY\nPatient: {name}    RO #: {rt8}    MRN: {mrn}    DOB: {dob8}\n"
    "Dx: adenocarcinoma of prostate, Gleason 4+3, PSA 14.2, cT2c N0 M0 (unfavorable intermediate risk)\n"
    "Sim: {d8a} (CT sim, 2.5 mm slices; 3 gold fiducials; rectal spacer placed {md8})\nTechnique: VMAT, 2 arcs, 6 MV, daily CBCT\n"
    "Rx: 70 Gy in 28 fractions to prostate + proximal seminal vesicles\n"
    "Constraints met: rectum V65 < 17%, bladder V65 < 25%, femoral heads Dmax < 50 Gy\n"
    "Immobilization: Vac-Lok bag ID {mask8}; knee sponge\nStart: {d8b}    Est. completion: {d8c}    ADT: leuprolide x 6 months (Dr. {doc8_last})\n"
    "Plan by {staff8a}, CMD; physics check {staff8b}, DABR; approved {staff8c}, MD, {dt8a}",
    # 11. CSV export with a header row.
    "patient_id,last_name,first_name,middle,dob,sex,phone,email,zip,last_visit,pcp\n"
    "{pid8a},{last},{first},{mid8},{dob_iso8},{sex_1},{tel8csv},{mail8},{zip8},{d_iso8},{doc8_last}\n"
    "{pid8b},{last8b},{first8b},,{dob_iso8b},U,{tel8csv2},,{zip8b},{d_iso8b},{doc8_last}\n"
    "# 2 rows exported {dt8a}",
    # 12. FHIR-like Patient resource pasted as text.
    'Pasted from the integration log:\n{{"resourceType":"Patient","id":"{fhir8}","identifier":[{{"system":"urn:oid:2.16.840.1.113883.4.1.99",'
    '"value":"{mrn}"}},{{"system":"http://hl7.org/fhir/sid/us-ssn","value":"{ssn}"}}],"active":true,'
    '"name":[{{"use":"official","family":"{last}","given":["{first}","{mid8}"]}}],'
    '"telecom":[{{"system":"phone","value":"{tel8a}","use":"mobile"}},{{"system":"email","value":"{mail8}"}}],'
    '"gender":"unknown","birthDate":"{dob_iso8}","address":[{{"use":"home","line":["{street8}"],"city":"{cityname8}",'
    '"state":"{state}","postalCode":"{zip8}"}}],"contact":[{{"relationship":[{{"text":"daughter"}}],"name":{{"text":"{rel8}"}},'
    '"telecom":[{{"system":"phone","value":"{tel8b}"}}]}}],"generalPractitioner":[{{"display":"{staff8a}"}}]}}',
    # 13. Dictated clinic note with spoken punctuation, unedited speech recognition.
    "[Dictation - speech recognition, unedited]\nthis is {staff8a} dictating a clinic note on {first} {last} comma date of birth {dob8sp} comma "
    "medical record number {mrn} period new paragraph history colon {first} is a {age} year old who comes in with his daughter {rel8} "
    "for follow up of atrial fibrillation period he was seen in the emergency department at {hosp2} on {d8sp} for palpitations period "
    "new paragraph plan colon continue apixaban comma recheck in three months period please send a copy to doctor {doc8_last} period "
    "callback number for the daughter is {tel8sp} period end of dictation",
]

# Round-8 fields and their categories. Fields used by round-8 templates but not listed here
# (hon8, wd8, nat8, lang8) are not PHI: an honorific, a weekday, a nationality and a language.
ROUND8_CATEGORY = {
    # names
    "staff8a": "NAME", "staff8b": "NAME", "staff8c": "NAME", "staff8d": "NAME", "nick8": "NAME", "doc8": "NAME",
    "doc8_last": "NAME", "rel8": "NAME", "rel8b": "NAME", "fname8": "NAME", "fname8_zh": "NAME", "fname8b": "NAME",
    "pref8": "NAME", "init8a": "NAME", "init8b": "NAME", "csv_name": "NAME", "csv_name2": "NAME", "csv_name3": "NAME",
    "last8b": "NAME", "first8b": "NAME", "mid8": "NAME", "pastor8": "NAME", "priest8": "NAME",
    # dates
    "d8a": "DATE", "d8b": "DATE", "d8c": "DATE", "d8d": "DATE", "d8e": "DATE", "d8sms": "DATE", "dt8a": "DATE", "dt8b": "DATE",
    "dt8c": "DATE", "dob8": "DATE", "dob8b": "DATE", "dob8c": "DATE", "md8": "DATE", "my8": "DATE", "d8sp": "DATE",
    "d8sp2": "DATE", "dob8sp": "DATE", "dob_iso8": "DATE", "dob_iso8b": "DATE", "d_iso8": "DATE", "d_iso8b": "DATE",
    # contact
    "tel8a": "PHONE", "tel8b": "PHONE", "tel8c": "PHONE", "tel8m": "PHONE", "tel8m2": "PHONE", "tel8m3": "PHONE",
    "tel8sp": "PHONE", "tel8csv": "PHONE", "tel8csv2": "PHONE",
    "addr8": "ADDRESS", "addr8b": "ADDRESS", "waddr8": "ADDRESS", "zip8": "ADDRESS", "zip8b": "ADDRESS", "bp8": "ADDRESS",
    "jg8": "ADDRESS", "loc8": "ADDRESS", "city8": "ADDRESS", "street8": "ADDRESS", "cityname8": "ADDRESS",
    "mail8": "EMAIL", "url8": "URL",
    # record-type identifiers
    "ba8": "RECORD", "hc8": "RECORD", "rt8": "RECORD", "mask8": "RECORD", "spec8a": "RECORD", "spec8b": "RECORD",
    "spec8c": "RECORD", "acc8a": "RECORD", "acc8b": "RECORD", "acc8c": "RECORD", "wl8a": "RECORD", "wl8b": "RECORD",
    "wl8c": "RECORD", "mrn8b": "RECORD", "mrn8c": "RECORD", "itp8": "RECORD", "ref8": "RECORD", "mt8": "RECORD",
    "gs8": "RECORD", "rep8": "RECORD", "fhir8": "RECORD", "pid8a": "RECORD", "pid8b": "RECORD",
    # personal identifiers
    "lic8": "ID", "pass8": "ID", "prc8": "ID", "anum8": "ID", "emp8": "ID",
    # insurance
    "ins8": "INSURANCE",
    # accounts
    "appt8": "ACCOUNT", "openid8": "ACCOUNT", "wc8": "ACCOUNT",
    # devices and vehicles
    "dev8": "DEVICE", "plate8": "VEHICLE",
}
_NOT_PHI = {"hon8", "wd8", "nat8", "lang8"}
_clash = {k for k in ROUND8_CATEGORY if deid.CATEGORY.get(k, ROUND8_CATEGORY[k]) != ROUND8_CATEGORY[k]}  # (re-import safe)
assert not _clash, f"round-8 fields clash with earlier rounds: {_clash}"
assert not (_NOT_PHI & set(deid.CATEGORY)), _NOT_PHI & set(deid.CATEGORY)
deid.CATEGORY.update(ROUND8_CATEGORY)

# --------------------------------------------------------------------------- value helpers
_d, _digits, _sur = r7._d, r7._digits, r7._sur
_WD_ZH = "一二三四五六日"
_CN_SPOKEN = "零幺二三四五六七八九"
_FOREIGN_ZH = [  # (passport name, Chinese transliteration, nationality, language, spouse)
    ("Anna Ivanova", "安娜·伊万诺娃", "俄罗斯", "俄语", "Dmitri Ivanov"),
    ("KIM MINJI", "金敏智", "韩国", "韩语", "PARK JIHOON"),
    ("SATO MISAKI", "佐藤美咲", "日本", "日语", "SATO KENTA"),
    ("Maria Fernanda Silva", "玛丽亚·费尔南达·席尔瓦", "巴西", "葡萄牙语", "Rafael Costa"),
    ("Ahmed Hassan Mahmoud", "艾哈迈德·哈桑·马哈茂德", "埃及", "阿拉伯语", "Mona Ali"),
    ("NGUYEN THI LAN", "阮氏兰", "越南", "越南语", "TRAN VAN MINH"),
    ("Olga Kowalska", "奥尔加·科瓦尔斯卡", "波兰", "波兰语", "Piotr Kowalski"),
    ("Aigerim Nurlanovna", "阿依古丽·努尔兰诺夫娜", "哈萨克斯坦", "俄语", "Yerlan Bekov"),
]
_FOREIGN_EN = [  # (name, language, husband)
    ("María Guadalupe Hernández Ortiz", "Spanish", "José Luis Ramírez"), ("Wang Xiuying", "Mandarin", "Li Jianguo"),
    ("Fatima Al-Rashid", "Arabic", "Omar Al-Rashid"), ("Tran Thi Mai", "Vietnamese", "Le Van Hung"),
    ("Marie-Claude Jean-Baptiste", "Haitian Creole", "Jean-Robert Pierre"), ("Hodan Abdi Warsame", "Somali", "Abdirahman Hassan Ali"),
    ("Zahra Ahmadi", "Dari", "Mohammad Karimi"), ("Paw Htoo", "Karen", "Saw Eh Doh"), ("Ana Lucía Quispe Mamani", "Quechua", "Wilber Condori"),
]
_PREF_EN = ["Lou", "Bea", "Gus", "Dottie", "Hank", "Midge", "Sonny", "Trudy", "Skip", "Birdie", "Junior", "Tink"]
_ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
         "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORD = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
        "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"]
_DIGIT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def _words(n: int) -> str:
    """1..99 in words, as speech recognition writes them ("forty two")."""
    if n < 20:
        return _ONES[n]
    t, o = divmod(n, 10)
    return _TENS[t] + (f" {_ONES[o]}" if o else "")


def _ord_words(n: int) -> str:
    if n <= 20:
        return _ORD[n]
    t, o = divmod(n, 10)
    return _TENS[t] + f" {_ORD[o]}" if o else _TENS[t][:-1] + "ieth"


def _year_words(y: int) -> str:
    hi, lo = divmod(y, 100)
    if hi == 20 and lo < 10:
        return "two thousand" + (f" {_ONES[lo]}" if lo else "")
    return f"{_words(hi)} {_words(lo) if lo >= 10 else 'oh ' + _ONES[lo] if lo else 'hundred'}"


def _en_spoken_date(d: date, rng: random.Random) -> str:
    month = f"{d:%B}".lower()
    return rng.choice([f"{month} {_ord_words(d.day)} {_year_words(d.year)}", f"{month} {d.day} {d.year}",
                       f"the {_ord_words(d.day)} of {month} {_year_words(d.year)}", f"{month} {d.day}{r6._sfx(d.day)} {d.year}"])


def _zh_d8(d: date, rng: random.Random) -> str:
    return rng.choice([f"{d.year}年{d.month}月{d.day}号", f"{d:%y}.{d.month}.{d.day}", f"{d.year}-{d.month:02d}-{d.day:02d}", f"{d.year}年{d.month}月{d.day}日",
                       f"{d:%Y%m%d}", f"{d.year}/{d.month:02d}/{d.day:02d}", f"{d.month}月{d.day}日", f"{d.year}年{d.month:02d}月{d.day:02d}日"])


def _zh_dt8(rng: random.Random) -> str:
    d, h, m = _d(rng)
    return rng.choice([f"{d:%Y-%m-%d} {h:02d}:{m:02d}:{rng.randint(0, 59):02d}", f"{d.month}月{d.day}日{h}时{m}分", f"{d:%Y/%m/%d} {h}:{m:02d}",
                       f"{d.year}年{d.month}月{d.day}日 {r7._zh_period(h)}{h % 12 or 12}:{m:02d}", f"{d:%y-%m-%d} {h:02d}:{m:02d}",
                       f"{d.year}.{d.month}.{d.day} {h:02d}:{m:02d}"])


def _zh_tel8(rng: random.Random) -> str:
    m = r7._zh_mobile(rng)
    area = rng.choice(["0571", "0755", "020", "0531", "0731", "023", "0898"])
    line = str(rng.randint(2, 8)) + _digits(rng, 7 if len(area) == 4 else 7)
    return rng.choice([f"{m[:3]} {m[3:7]} {m[7:]}", f"(+86){m}", f"+86-{m}", m, f"{m[:3]}-{m[3:]}", f"{area} {line[:4]} {line[4:]}", f"{area}-{line}",
                       f"（{area}）{line}"])


def _en_d8(d: date, rng: random.Random) -> str:
    return rng.choice([f"{d:%b} {d.day:02d}, {d.year}", f"{d.month}/{d.day}/{d.year}", f"{d:%d-%b-%y}".upper(), f"{d:%B} {d.day}, {d.year}",
                       f"{d:%m.%d.%Y}", f"{d:%m/%d/%y}", f"{d.day} {d:%B} {d.year}", f"{d:%Y-%m-%d}"])


def _en_dt8(rng: random.Random) -> str:
    d, h, m = _d(rng)
    return rng.choice([f"{d:%m/%d/%Y} {h:02d}:{m:02d}", f"{d:%m/%d/%y} @ {h:02d}{m:02d}", f"{d:%a %b} {d.day} {d.year} {h % 12 or 12}:{m:02d}{'am' if h < 12 else 'pm'}",
                       f"{d:%Y-%m-%d} {h:02d}:{m:02d}", f"{d.month}/{d.day}/{d.year} {h % 12 or 12}:{m:02d} {'AM' if h < 12 else 'PM'}",
                       f"{d:%d%b%y}".upper() + f" {h:02d}:{m:02d}"])


def _en_tel8(rng: random.Random) -> str:
    a, b, c = rng.randint(201, 989), rng.randint(200, 999), _digits(rng, 4)
    return rng.choice([f"{a} {b} {c}", f"{a}/{b}-{c}", f"+1 ({a}) {b}-{c}", f"{a}{b}{c}", f"1-{a}-{b}-{c}", f"({a}) {b}-{c}", f"{a}.{b}.{c}"])


def _en_tel_csv(rng: random.Random) -> str:
    a, b, c = rng.randint(201, 989), rng.randint(200, 999), _digits(rng, 4)
    return rng.choice([f"{a}{b}{c}", f"+1{a}{b}{c}", f"{a}-{b}-{c}", f"1{a}{b}{c}"])


def _zh_addr8(f: Faker, rng: random.Random) -> str:
    return rng.choice([r7._zh_addr7(f, rng), r7._zh_addr7(f, rng),
                       f"{f.city()}{f.district()}区{f.street_name()}{rng.randint(1, 500)}号{rng.choice(r6._WORDS)}大厦{rng.choice('ABC')}座{rng.randint(3, 30)}{rng.randint(1, 20):02d}室",
                       f"{f.province()}{f.city_name()}县{rng.choice(r6._WORDS)}镇{f.last_name()}家屯{rng.randint(1, 80)}号",
                       f"{f.city()}{f.district()}区{rng.choice(r6._WORDS)}{rng.choice(['公寓', '小区', '里'])}{rng.randint(1, 30)}幢{rng.randint(1, 3)}{rng.randint(1, 30):02d}{rng.randint(1, 4):02d}"])


def round8_zh_values(f: Faker, rng: random.Random, v: dict[str, str]) -> dict[str, str]:
    """Round-8 fields for a Chinese note (v: the round-1, -5, -6 and -7 values already drawn)."""
    d, _, _ = _d(rng)
    yy = f"{d:%y}"
    staff = [f.name() for _ in range(5)]
    sms, _, _ = _d(rng)
    dob, _, _ = _d(rng, 1935, 60)
    fz = rng.choice(_FOREIGN_ZH)
    m = r7._zh_mobile(rng)
    spoken = rng.choice(["".join(_CN_SPOKEN[int(c)] for c in m), f"{m[:3]} {m[3:7]} {m[7:]}", "".join("零一二三四五六七八九"[int(c)] for c in m)])
    sp1, sp2 = _d(rng)[0], _d(rng)[0]
    return {
        "staff8a": staff[0], "staff8b": staff[1], "staff8c": staff[2], "staff8d": staff[3], "doc8": staff[4], "doc8_last": _sur(staff[4]),
        "nick8": rng.choice([_sur(staff[2]) + "姐", "阿" + staff[2][-1], _sur(staff[2]) + "护", "小" + staff[2][-1]]),
        "rel8": f.name(), "rel8b": f.name(),
        "fname8": fz[0], "fname8_zh": fz[1], "nat8": fz[2], "lang8": fz[3], "fname8b": fz[4],
        "hon8": rng.choice(["先生", "女士"]), "d8sms": _zh_d8(sms, rng), "wd8": "周" + _WD_ZH[sms.weekday()],
        "d8a": _zh_d8(_d(rng)[0], rng), "d8b": _zh_d8(_d(rng)[0], rng), "d8c": _zh_d8(_d(rng)[0], rng), "d8d": _zh_d8(_d(rng)[0], rng),
        "d8e": _zh_d8(_d(rng)[0], rng), "dt8a": _zh_dt8(rng), "dt8b": _zh_dt8(rng), "dt8c": _zh_dt8(rng),
        "dob8": rng.choice([f"{dob.year}年{dob.month}月{dob.day}日", f"{dob:%Y-%m-%d}", f"{dob:%Y%m%d}", f"{dob.year}.{dob.month:02d}.{dob.day:02d}"]),
        "my8": rng.choice([f"{d.year}年{d.month}月", f"{d.year}.{d.month}", f"{d:%Y-%m}"]),
        "d8sp": rng.choice([f"{sp1.year}年{sp1.month}月份", f"{sp1.month}月{sp1.day}号", f"{sp1.year}年{sp1.month}月{sp1.day}号"]),
        "d8sp2": rng.choice([f"{sp2.month}月{sp2.day}号", f"下个月{sp2.day}号", f"{sp2.month}月{sp2.day}日"]),
        "tel8a": _zh_tel8(rng), "tel8b": _zh_tel8(rng), "tel8c": _zh_tel8(rng), "tel8sp": spoken,
        "tel8m": r7._zh_mobile(rng), "tel8m2": r7._zh_mobile(rng), "tel8m3": r7._zh_mobile(rng),
        "addr8": _zh_addr8(f, rng), "addr8b": _zh_addr8(f, rng),
        "waddr8": f"{f.city()}{f.district()}区{f.street_name()}{rng.randint(1, 800)}号" + rng.choice(["", f"{rng.randint(1, 12)}号楼", "B1层"]),
        "zip8": f"{rng.randint(10, 85)}{_digits(rng, 4)}", "zip8b": f"{rng.randint(10, 85)}{_digits(rng, 4)}",
        "bp8": f"{f.province()}{f.city()}", "jg8": rng.choice([f"{f.province()}{f.city()}", f"{f.city_name()}县"]),
        "loc8": rng.choice([f"{f.city()}{f.district()}区{f.street_name()}与{f.street_name()}交叉路口", f"{f.district()}区{f.street_name()}{rng.randint(1, 400)}号门前"]),
        "mail8": rng.choice([f"{f.user_name()}@{rng.choice(['163.com', 'qq.com', 'outlook.com', 'yeah.net'])}", f"{fz[0].split()[0].lower()}{rng.randint(80, 99)}@gmail.com",
                             f"{fz[0].replace(' ', '.').lower()}@mail.ru"]),
        "url8": rng.choice([f"https://yygh.{f.domain_name()}/cancel?no={rng.randint(10 ** 6, 10 ** 9)}", f"http://m.{f.domain_name()}/appt/{_digits(rng, 10)}",
                            f"https://{f.domain_name()}/wxapp/yuyue?uid={f.hexify('^' * 10)}"]),
        "ba8": rng.choice([_digits(rng, 6), f"{yy}{_digits(rng, 6)}", f"BA{_digits(rng, 7)}"]),
        "hc8": rng.choice([_digits(rng, 19), f"{_digits(rng, 4)}{d.year}{_digits(rng, 8)}", f"JKK{_digits(rng, 12)}"]),
        "rt8": rng.choice([f"RT{yy}{_digits(rng, 4)}", f"FL-{d.year}-{_digits(rng, 4)}"]),
        "mask8": rng.choice([f"M{yy}{_digits(rng, 4)}", f"MZ-{_digits(rng, 5)}"]),
        "spec8a": _digits(rng, 10), "spec8b": f"{d:%y%m%d}{_digits(rng, 4)}", "spec8c": rng.choice([_digits(rng, 11), f"E{_digits(rng, 9)}"]),
        "wl8a": f"DC{yy}{_digits(rng, 4)}", "wl8b": f"DC{yy}{_digits(rng, 4)}", "wl8c": f"DC{yy}{_digits(rng, 4)}",
        "mrn8b": rng.choice([f"MZ{_digits(rng, 8)}", _digits(rng, 10)]), "mrn8c": rng.choice([_digits(rng, 7), f"ZY{_digits(rng, 7)}"]),
        "itp8": rng.choice([f"FY{d:%Y%m%d}{_digits(rng, 3)}", f"IMC-{_digits(rng, 6)}"]),
        "ref8": rng.choice([f"ZZ{d:%Y%m%d}{_digits(rng, 5)}", f"YLT-{yy}-{_digits(rng, 6)}"]),
        "mt8": rng.choice([f"MTB{d.year}{_digits(rng, 7)}", f"{rng.choice(['330100', '320500', '440300'])}{d.year}{_digits(rng, 6)}"]),
        "gs8": rng.choice([f"{d.year}{rng.choice(['西', '拱', '滨', '萧'])}工申{_digits(rng, 4)}号", f"GSRD{d:%Y%m}{_digits(rng, 4)}"]),
        "rep8": rng.choice([_digits(rng, 8), f"{rng.choice('ABCDEFGH')}{_digits(rng, 6)}"]),
        "lic8": rng.choice([_digits(rng, 15), f"1{_digits(rng, 2)}{rng.randint(30, 65)}{_digits(rng, 11)}"]),
        "pass8": rng.choice([f"{rng.choice('EGKMNP')}{_digits(rng, 8)}", f"{rng.choice('ABC')}{rng.choice('ABCDEFGHJK')}{_digits(rng, 7)}", _digits(rng, 9)]),
        "prc8": rng.choice([f"9{rng.choice(['11', '31', '44'])}{_digits(rng, 3)}{dob:%Y%m%d}{_digits(rng, 4)}",
                            f"{rng.choice(['RUS', 'KOR', 'JPN', 'BRA'])}{_digits(rng, 12)}"]),
        "emp8": rng.choice([_digits(rng, 5), f"QK{_digits(rng, 5)}", f"{rng.choice('ABC')}{_digits(rng, 4)}"]),
        "ins8": rng.choice([f"{rng.choice(['3301', '3205', '4403', '5101'])}{_digits(rng, 10)}", f"YB{_digits(rng, 12)}", _digits(rng, 16)]),
        "appt8": rng.choice([_digits(rng, 6), f"YY{_digits(rng, 8)}", f"{d:%m%d}{_digits(rng, 4)}"]),
        "openid8": "o" + f.lexify("?" * 27, letters="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"),
        "dev8": rng.choice([f"PJN{_digits(rng, 6)}H", f"{rng.choice(['NW', 'PW', 'MT'])}{_digits(rng, 7)}", f"SN{yy}{_digits(rng, 8)}"]),
        "plate8": rng.choice([f"{rng.choice(['杭州', '苏州', '成都', '南京'])}{rng.choice('ABCDEF')}{_digits(rng, 5)}",
                              f"{rng.choice('浙苏川粤')}{rng.choice('ABE')}·{_digits(rng, 6)}", r7._plate_zh(rng)]),
    }


def round8_en_values(f: Faker, rng: random.Random, v: dict[str, str]) -> dict[str, str]:
    """Round-8 fields for an English note (v: the round-1, -5, -6 and -7 values already drawn)."""
    d, _, _ = _d(rng)
    yy, first, last = f"{d:%y}", v["first"], v["last"]
    staff = [(f.first_name(), f.last_name()) for _ in range(4)]
    fe = rng.choice(_FOREIGN_EN)
    sms, _, _ = _d(rng)
    dob, _, _ = _d(rng, 1928, 75)
    dob_b, dob_c = _d(rng, 1935, 70)[0], _d(rng, 1950, 55)[0]
    f2, l2, f3, l3 = f.first_name(), f.last_name(), f.first_name(), f.last_name()
    mi = rng.choice("ABCDEFGHJKLMNPRSTW")
    a, b, c = rng.randint(201, 989), rng.randint(200, 999), _digits(rng, 4)
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    spoken_tel = rng.choice([" ".join(_DIGIT_WORDS[int(x)] for x in f"{a}{b}{c}"), f"{a} {b} {c}", f"{a}-{b}-{c}"])
    return {
        "staff8a": " ".join(staff[0]), "staff8b": " ".join(staff[1]), "staff8c": " ".join(staff[2]), "staff8d": " ".join(staff[3]),
        "doc8_last": f.last_name(), "rel8": f"{f.first_name_female()} {last}", "rel8b": f"{f.first_name()} {f.last_name()}",
        "pastor8": f"{f.first_name()} {f.last_name()}", "priest8": rng.choice([f.last_name(), f"{f.first_name_male()} {f.last_name()}"]),
        "fname8": fe[0], "lang8": fe[1], "fname8b": fe[2], "pref8": rng.choice(_PREF_EN),
        "init8a": staff[0][0][0] + staff[0][1][0], "init8b": staff[1][0][0] + rng.choice(["", mi]) + staff[1][1][0],
        "csv_name": rng.choice([f"{last.upper()}, {first}", f"{last}, {first} {mi}.", f"{last}, {first}"]),
        "csv_name2": rng.choice([f"{l2.upper()}, {f2.upper()}", f"{l2}, {f2}"]), "csv_name3": rng.choice([f"{l3}, {f3} {mi}", f"{l3.upper()}, {f3}"]),
        "last8b": l2, "first8b": f2, "mid8": rng.choice([f.first_name(), mi]),
        "d8sms": rng.choice([f"{sms.month}/{sms.day}", f"{sms:%b} {sms.day}", f"{sms.month}/{sms.day}/{sms:%y}"]), "wd8": f"{sms:%a}",
        "d8a": _en_d8(_d(rng)[0], rng), "d8b": _en_d8(_d(rng)[0], rng), "d8c": _en_d8(_d(rng)[0], rng), "d8d": _en_d8(_d(rng)[0], rng),
        "dt8a": _en_dt8(rng), "dt8b": _en_dt8(rng), "dt8c": _en_dt8(rng),
        "dob8": _en_d8(dob, rng), "dob8b": f"{dob_b:%m/%d/%Y}", "dob8c": f"{dob_c:%m/%d/%Y}",
        "md8": rng.choice([f"{d.month}/{d.day}", f"{d:%b} {d.day}", f"{d:%A, %B} {d.day}"]),
        "my8": rng.choice([f"{d:%m/%Y}", f"{d:%B %Y}", f"{d:%b-%Y}"]),
        "d8sp": _en_spoken_date(_d(rng)[0], rng), "dob8sp": _en_spoken_date(dob, rng),
        "dob_iso8": f"{dob:%Y-%m-%d}", "dob_iso8b": f"{dob_b:%Y-%m-%d}", "d_iso8": f"{_d(rng)[0]:%Y-%m-%d}", "d_iso8b": f"{_d(rng)[0]:%Y-%m-%d}",
        "tel8a": _en_tel8(rng), "tel8b": _en_tel8(rng), "tel8c": _en_tel8(rng), "tel8sp": spoken_tel,
        "tel8csv": _en_tel_csv(rng), "tel8csv2": _en_tel_csv(rng),
        "addr8": rng.choice([r7._en_addr7(f, rng, street_only=True), f"{f.building_number()} {f.street_name()}, {f.city()}, {f.state_abbr()} {f.zipcode_plus4()}",
                             f"c/o {f.first_name()} {f.last_name()}, {f.building_number()} {f.street_name()} Apt {rng.randint(1, 40)}{rng.choice('ABCD')}, {f.city()}, {f.state_abbr()}"]),
        "zip8": rng.choice([f.zipcode(), f.zipcode_plus4()]), "zip8b": f.zipcode(),
        "loc8": rng.choice([f"{f.street_name()} and {f.street_name()}, {f.city()}", f"outside {f.building_number()} {f.street_name()}, {f.city()}, {f.state_abbr()}"]),
        "city8": rng.choice([f"{f.city()}, {f.state_abbr()}", f.city()]),
        "street8": rng.choice([f"{f.building_number()} {f.street_name()} Apt {rng.randint(1, 40)}", f"{f.building_number()} {f.street_name()}"]),
        "cityname8": f.city(),
        "mail8": rng.choice([f"{first.lower()}{last.lower()}{rng.randint(1, 99)}@{f.free_email_domain()}", f"{staff[1][0][0].lower()}{staff[1][1].lower()}@{f.domain_name()}",
                             f"{first[0].lower()}_{last.lower()}@{f.free_email_domain()}"]),
        "url8": rng.choice([f"https://myhealth.{f.domain_name()}/messages/new?pt={rng.randint(10 ** 6, 10 ** 9)}",
                            f"https://{f.domain_name()}/c/{f.lexify('????????', letters='abcdefghjkmnpqrstuvwxyz23456789')}"]),
        "rt8": rng.choice([f"RO{yy}-{_digits(rng, 4)}", f"{_digits(rng, 7)}"]), "mask8": rng.choice([f"VL-{_digits(rng, 5)}", f"{yy}{_digits(rng, 4)}B"]),
        "acc8a": f"C{yy}-{_digits(rng, 6)}", "acc8b": f"C{yy}-{_digits(rng, 6)}", "acc8c": rng.choice([f"{yy}{rng.randint(1, 366):03d}{_digits(rng, 5)}", f"CH{_digits(rng, 8)}"]),
        "wl8a": f"W{_digits(rng, 5)}", "wl8b": f"W{_digits(rng, 5)}", "wl8c": f"W{_digits(rng, 5)}",
        "mrn8b": _digits(rng, rng.choice([7, 8])), "mrn8c": rng.choice([f"E{_digits(rng, 7)}", _digits(rng, 9)]),
        "itp8": rng.choice([f"INT-{_digits(rng, 6)}", f"LS{yy}{_digits(rng, 5)}"]),
        "fhir8": rng.choice([f.uuid4(), f"pat-{_digits(rng, 8)}", f"{_digits(rng, 6)}"]),
        "pid8a": _digits(rng, 7), "pid8b": _digits(rng, 7),
        "anum8": rng.choice([f"A{_digits(rng, 9)}", f"A-{_digits(rng, 3)}-{_digits(rng, 3)}-{_digits(rng, 3)}", f"A{_digits(rng, 8)}"]),
        "emp8": rng.choice([f"{''.join(rng.choice(letters) for _ in range(2))}{_digits(rng, 6)}", _digits(rng, 6), f"E-{_digits(rng, 5)}"]),
        "appt8": rng.choice([_digits(rng, 8), f"{''.join(rng.choice(letters) for _ in range(3))}{_digits(rng, 5)}"]),
        "wc8": rng.choice([f"WC{d.year}-{_digits(rng, 6)}", f"{_digits(rng, 3)}-{_digits(rng, 2)}-{_digits(rng, 6)}", f"{yy}{_digits(rng, 8)}"]),
        "dev8": rng.choice([f"{rng.choice(['NG', 'PT', 'TS'])}{_digits(rng, 7)}{rng.choice(letters)}", f"{_digits(rng, 3)}-{_digits(rng, 3)}-{_digits(rng, 3)}", f"SN{_digits(rng, 9)}"]),
        "plate8": rng.choice([f"EB {_digits(rng, 4)}", f"{''.join(rng.choice(letters) for _ in range(2))}{_digits(rng, 4)}{rng.choice(letters)}", f"{rng.randint(1, 9)}{rng.choice(letters)}{_digits(rng, 4)}"]),
    }


def _draw(n: int, seed: int) -> list[tuple[str, str, dict[str, str]]]:
    """(lang, template, values) for each note; make_round8_notes renders them."""
    return deid.draw(n, seed, ROUND8_ZH, ROUND8_EN, (deid._round5_zh, r6.round6_zh_values, r7.round7_zh_values, round8_zh_values), (deid.round5_en_values, r6.round6_en_values, r7.round7_en_values, round8_en_values))


def make_round8_notes(n: int, seed: int) -> list[tuple[str, str, list[tuple[int, int, str]]]]:
    """n notes, alternating zh and en, as (lang, text, gold spans), like deid.make_notes."""
    return [(lang, *deid.render(template, values)) for lang, template, values in _draw(n, seed)]


def _check(n: int = 200, seed: int = 14) -> None:
    deid.check_round("round-8", _draw(n, seed), make_round8_notes(n, seed), ROUND8_ZH, ROUND8_EN, ROUND8_CATEGORY,
                     r7._BASE_NOT_PHI | r7._NOT_PHI | _NOT_PHI)


if __name__ == "__main__":
    _check()
    deid.show_notes(make_round8_notes(200, 14))
