<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
  <context>
    <name>ReviewAnswerForm</name>
    <message>
      <source>Advice</source>
      <translation>Advice</translation>
    </message>
    <message>
      <source>Diagnosis (ICD-10)</source>
      <translation>Diagnosis (ICD-10)</translation>
    </message>
    <message>
      <source>Plan</source>
      <translation>Plan</translation>
    </message>
    <message>
      <source>Decision</source>
      <translation>Decision</translation>
    </message>
    <message>
      <source>Follow-up</source>
      <translation>Follow-up</translation>
    </message>
    <message>
      <source>Advice for the nurse, in plain words</source>
      <translation>Advice for the nurse, in plain words</translation>
    </message>
    <message>
      <source>Type a code or words, e.g. J18 or pneumonia</source>
      <translation>Type a code or words, e.g. J18 or pneumonia</translation>
    </message>
    <message>
      <source>Add</source>
      <translation>Add</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Remove</translation>
    </message>
    <message>
      <source>Chosen diagnoses</source>
      <translation>Chosen diagnoses</translation>
    </message>
    <message>
      <source>Plan: medicines, tests, what to watch</source>
      <translation>Plan: medicines, tests, what to watch</translation>
    </message>
    <message>
      <source>Manage locally</source>
      <translation>Manage locally</translation>
    </message>
    <message>
      <source>Refer to the district hospital</source>
      <translation>Refer to the district hospital</translation>
    </message>
    <message>
      <source>Urgent transport</source>
      <translation>Urgent transport</translation>
    </message>
    <message>
      <source>Ask for a follow-up visit on</source>
      <translation>Ask for a follow-up visit on</translation>
    </message>
    <message>
      <source>Follow-up date</source>
      <translation>Follow-up date</translation>
    </message>
    <message>
      <source>Send answer</source>
      <translation>Send answer</translation>
    </message>
    <message>
      <source>Unknown ICD-10 code: {0}</source>
      <translation>Unknown ICD-10 code: {0}</translation>
    </message>
    <message>
      <source>Write the advice for the nurse first.</source>
      <translation>Write the advice for the nurse first.</translation>
    </message>
    <message>
      <source>Choose a decision: manage locally, refer, or urgent transport.</source>
      <translation>Choose a decision: manage locally, refer, or urgent transport.</translation>
    </message>
  </context>
  <context>
    <name>ReviewAskPanel</name>
    <message>
      <source>Your question for the nurse (for example: measure the temperature again, send a photo). The request waits until she replies.</source>
      <translation>Your question for the nurse (for example: measure the temperature again, send a photo). The request waits until she replies.</translation>
    </message>
    <message>
      <source>The question for the nurse</source>
      <translation>The question for the nurse</translation>
    </message>
    <message>
      <source>Send the question</source>
      <translation>Send the question</translation>
    </message>
    <message>
      <source>Send the question to the nurse</source>
      <translation>Send the question to the nurse</translation>
    </message>
  </context>
  <context>
    <name>ReviewCaseView</name>
    <message>
      <source>Summary</source>
      <translation>Summary</translation>
    </message>
    <message>
      <source>Complaints and labs</source>
      <translation>Complaints and labs</translation>
    </message>
    <message>
      <source>Photos</source>
      <translation>Photos</translation>
    </message>
    <message>
      <source>Reading</source>
      <translation>Reading</translation>
    </message>
    <message>
      <source>This visit</source>
      <translation>This visit</translation>
    </message>
    <message>
      <source>Earlier visits</source>
      <translation>Earlier visits</translation>
    </message>
    <message>
      <source>Measured</source>
      <translation>Measured</translation>
    </message>
    <message>
      <source>Complaints</source>
      <translation>Complaints</translation>
    </message>
    <message>
      <source>Lab results</source>
      <translation>Lab results</translation>
    </message>
    <message>
      <source>Question from the nurse: {0}</source>
      <translation>Question from the nurse: {0}</translation>
    </message>
    <message>
      <source>No complaint form was sent.</source>
      <translation>No complaint form was sent.</translation>
    </message>
    <message>
      <source>No lab results.</source>
      <translation>No lab results.</translation>
    </message>
    <message>
      <source>The nurse replied ({0}): {1}</source>
      <translation>The nurse replied ({0}): {1}</translation>
    </message>
    <message>
      <source>{0} asked ({1}): {2}</source>
      <translation>{0} asked ({1}): {2}</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>yes</translation>
    </message>
    <message>
      <source>no</source>
      <translation>no</translation>
    </message>
    <message>
      <source>male</source>
      <translation>male</translation>
    </message>
    <message>
      <source>female</source>
      <translation>female</translation>
    </message>
    <message>
      <source>{0}, {1}, born {2}. Visit {3}. Complaint: {4}</source>
      <translation>{0}, {1}, born {2}. Visit {3}. Complaint: {4}</translation>
    </message>
    <message>
      <source>NEWS2: not sent (incomplete vital signs)</source>
      <translation>NEWS2: not sent (incomplete vital signs)</translation>
    </message>
    <message>
      <source>NEWS2: {0} — {1}</source>
      <translation>NEWS2: {0} — {1}</translation>
    </message>
  </context>
  <context>
    <name>ReviewLabels</name>
    <message>
      <source>Emergency</source>
      <translation>Emergency</translation>
    </message>
    <message>
      <source>As soon as possible</source>
      <translation>As soon as possible</translation>
    </message>
    <message>
      <source>Urgent</source>
      <translation>Urgent</translation>
    </message>
    <message>
      <source>Routine</source>
      <translation>Routine</translation>
    </message>
    <message>
      <source>Therapist</source>
      <translation>Therapist</translation>
    </message>
    <message>
      <source>Paediatrician</source>
      <translation>Paediatrician</translation>
    </message>
    <message>
      <source>Cardiologist</source>
      <translation>Cardiologist</translation>
    </message>
    <message>
      <source>Dermatologist</source>
      <translation>Dermatologist</translation>
    </message>
    <message>
      <source>Obstetrician</source>
      <translation>Obstetrician</translation>
    </message>
    <message>
      <source>Neurologist</source>
      <translation>Neurologist</translation>
    </message>
    <message>
      <source>Surgeon</source>
      <translation>Surgeon</translation>
    </message>
    <message>
      <source>Ophthalmologist</source>
      <translation>Ophthalmologist</translation>
    </message>
    <message>
      <source>Waiting</source>
      <translation>Waiting</translation>
    </message>
    <message>
      <source>Received</source>
      <translation>Received</translation>
    </message>
    <message>
      <source>Claimed by you</source>
      <translation>Claimed by you</translation>
    </message>
    <message>
      <source>In review</source>
      <translation>In review</translation>
    </message>
    <message>
      <source>Waiting for the nurse's reply</source>
      <translation>Waiting for the nurse's reply</translation>
    </message>
    <message>
      <source>Answered</source>
      <translation>Answered</translation>
    </message>
    <message>
      <source>low risk</source>
      <translation>low risk</translation>
    </message>
    <message>
      <source>low-medium risk</source>
      <translation>low-medium risk</translation>
    </message>
    <message>
      <source>medium risk</source>
      <translation>medium risk</translation>
    </message>
    <message>
      <source>high risk</source>
      <translation>high risk</translation>
    </message>
    <message>
      <source>{0} (overdue)</source>
      <translation>{0} (overdue)</translation>
    </message>
    <message>
      <source>SpO2</source>
      <translation>SpO2</translation>
    </message>
    <message>
      <source>Pulse</source>
      <translation>Pulse</translation>
    </message>
    <message>
      <source>Blood pressure</source>
      <translation>Blood pressure</translation>
    </message>
    <message>
      <source>Temperature</source>
      <translation>Temperature</translation>
    </message>
    <message>
      <source>Respiratory rate</source>
      <translation>Respiratory rate</translation>
    </message>
    <message>
      <source>Weight</source>
      <translation>Weight</translation>
    </message>
    <message>
      <source>Height</source>
      <translation>Height</translation>
    </message>
    <message>
      <source>BMI</source>
      <translation>BMI</translation>
    </message>
    <message>
      <source>Glucose</source>
      <translation>Glucose</translation>
    </message>
    <message>
      <source>HbA1c</source>
      <translation>HbA1c</translation>
    </message>
    <message>
      <source>Haemoglobin</source>
      <translation>Haemoglobin</translation>
    </message>
  </context>
  <context>
    <name>ReviewPhotoPanel</name>
    <message>
      <source>Photos of this visit</source>
      <translation>Photos of this visit</translation>
    </message>
    <message>
      <source>Earlier photos</source>
      <translation>Earlier photos</translation>
    </message>
    <message>
      <source>Compare with an earlier photo</source>
      <translation>Compare with an earlier photo</translation>
    </message>
    <message>
      <source>No photos were sent with this request.</source>
      <translation>No photos were sent with this request.</translation>
    </message>
    <message>
      <source>Zoom in</source>
      <translation>Zoom in</translation>
    </message>
    <message>
      <source>Zoom out</source>
      <translation>Zoom out</translation>
    </message>
    <message>
      <source>Fit</source>
      <translation>Fit</translation>
    </message>
    <message>
      <source>Actual size</source>
      <translation>Actual size</translation>
    </message>
  </context>
  <context>
    <name>ReviewPhotoView</name>
    <message>
      <source>Photo</source>
      <translation>Photo</translation>
    </message>
  </context>
  <context>
    <name>ReviewWindow</name>
    <message>
      <source>Dala Kiosk — specialist console — {0}</source>
      <translation>Dala Kiosk — specialist console — {0}</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <source>Refresh the list</source>
      <translation>Refresh the list</translation>
    </message>
    <message>
      <source>Claim this request</source>
      <translation>Claim this request</translation>
    </message>
    <message>
      <source>Ask the nurse</source>
      <translation>Ask the nurse</translation>
    </message>
    <message>
      <source>Ask the nurse a question instead of answering</source>
      <translation>Ask the nurse a question instead of answering</translation>
    </message>
    <message>
      <source>Updated {0}</source>
      <translation>Updated {0}</translation>
    </message>
    <message>
      <source>Loading the case…</source>
      <translation>Loading the case…</translation>
    </message>
    <message>
      <source>Choose a request from the list.</source>
      <translation>Choose a request from the list.</translation>
    </message>
    <message>
      <source>You have claimed this request. Write your answer below.</source>
      <translation>You have claimed this request. Write your answer below.</translation>
    </message>
    <message>
      <source>Claimed by {0}</source>
      <translation>Claimed by {0}</translation>
    </message>
    <message>
      <source>Nobody has claimed this request yet.</source>
      <translation>Nobody has claimed this request yet.</translation>
    </message>
    <message>
      <source>Claiming…</source>
      <translation>Claiming…</translation>
    </message>
    <message>
      <source>Claimed. The request is yours.</source>
      <translation>Claimed. The request is yours.</translation>
    </message>
    <message>
      <source>Sending the answer…</source>
      <translation>Sending the answer…</translation>
    </message>
    <message>
      <source>Answer sent. The kiosk will receive it on its next sync.</source>
      <translation>Answer sent. The kiosk will receive it on its next sync.</translation>
    </message>
    <message>
      <source>Write the question for the nurse first.</source>
      <translation>Write the question for the nurse first.</translation>
    </message>
    <message>
      <source>Sending the question…</source>
      <translation>Sending the question…</translation>
    </message>
    <message>
      <source>Question sent. The nurse will see it on the kiosk's next sync.</source>
      <translation>Question sent. The nurse will see it on the kiosk's next sync.</translation>
    </message>
    <message>
      <source>Something went wrong: {0}</source>
      <translation>Something went wrong: {0}</translation>
    </message>
  </context>
  <context>
    <name>ReviewWorklist</name>
    <message>
      <source>Open consultation requests</source>
      <translation>Open consultation requests</translation>
    </message>
    <message>
      <source>Urgency</source>
      <translation>Urgency</translation>
    </message>
    <message>
      <source>Specialty</source>
      <translation>Specialty</translation>
    </message>
    <message>
      <source>Deadline</source>
      <translation>Deadline</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Question</source>
      <translation>Question</translation>
    </message>
  </context>
</TS>
