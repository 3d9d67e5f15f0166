<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>ConsultDetail</name>
        <message>
            <source>Send to another specialty</source>
            <translation>Send to another specialty</translation>
        </message>
        <message>
            <source>Send this request to another specialty instead</source>
            <translation>Send this request to another specialty instead</translation>
        </message>
        <message>
            <source>Escalate</source>
            <translation>Escalate</translation>
        </message>
        <message>
            <source>Ask again with a higher urgency</source>
            <translation>Ask again with a higher urgency</translation>
        </message>
        <message>
            <source>No, keep it</source>
            <translation>No, keep it</translation>
        </message>
        <message>
            <source>Do not change the request</source>
            <translation>Do not change the request</translation>
        </message>
        <message>
            <source>The consultation</source>
            <translation>The consultation</translation>
        </message>
        <message>
            <source>The request and its state</source>
            <translation>The request and its state</translation>
        </message>
        <message>
            <source>The specialist's answer</source>
            <translation>The specialist's answer</translation>
        </message>
        <message>
            <source>Send to: {specialty}</source>
            <translation>Send to: {specialty}</translation>
        </message>
        <message>
            <source>State: {state}</source>
            <translation>State: {state}</translation>
        </message>
        <message>
            <source>Question: {question}</source>
            <translation>Question: {question}</translation>
        </message>
        <message>
            <source>Overdue: the answer was due {time}</source>
            <translation>Overdue: the answer was due {time}</translation>
        </message>
        <message>
            <source>Answer due by {time}</source>
            <translation>Answer due by {time}</translation>
        </message>
        <message>
            <source>Specialist: {name}</source>
            <translation>Specialist: {name}</translation>
        </message>
        <message>
            <source>Reason: {reason}</source>
            <translation>Reason: {reason}</translation>
        </message>
        <message>
            <source>The specialist asked: {text}</source>
            <translation>The specialist asked: {text}</translation>
        </message>
        <message>
            <source>Your reply (waiting to be sent): {text}</source>
            <translation>Your reply (waiting to be sent): {text}</translation>
        </message>
        <message>
            <source>Your reply (sent): {text}</source>
            <translation>Your reply (sent): {text}</translation>
        </message>
        <message>
            <source>No answer yet.</source>
            <translation>No answer yet.</translation>
        </message>
        <message>
            <source>Answer:</source>
            <translation>Answer:</translation>
        </message>
        <message>
            <source>Decision: {decision}</source>
            <translation>Decision: {decision}</translation>
        </message>
        <message>
            <source>ICD-10: {codes}</source>
            <translation>ICD-10: {codes}</translation>
        </message>
        <message>
            <source>Follow-up: {date}</source>
            <translation>Follow-up: {date}</translation>
        </message>
        <message>
            <source>Send this question to {specialty} instead? The current request will be cancelled and a new one sent.</source>
            <translation>Send this question to {specialty} instead? The current request will be cancelled and a new one sent.</translation>
        </message>
        <message>
            <source>Yes, send</source>
            <translation>Yes, send</translation>
        </message>
        <message>
            <source>Confirm: send to another specialty</source>
            <translation>Confirm: send to another specialty</translation>
        </message>
        <message>
            <source>Ask again as {urgency}? The current request will be cancelled and a new one sent.</source>
            <translation>Ask again as {urgency}? The current request will be cancelled and a new one sent.</translation>
        </message>
        <message>
            <source>Yes, escalate</source>
            <translation>Yes, escalate</translation>
        </message>
        <message>
            <source>Confirm: escalate the request</source>
            <translation>Confirm: escalate the request</translation>
        </message>
    </context>
    <context>
        <name>ConsultReplyPanel</name>
        <message>
            <source>Your reply to the specialist:</source>
            <translation>Your reply to the specialist:</translation>
        </message>
        <message>
            <source>Your reply to the specialist</source>
            <translation>Your reply to the specialist</translation>
        </message>
        <message>
            <source>Send the reply</source>
            <translation>Send the reply</translation>
        </message>
        <message>
            <source>Send the reply to the specialist</source>
            <translation>Send the reply to the specialist</translation>
        </message>
        <message>
            <source>The specialist</source>
            <translation>The specialist</translation>
        </message>
        <message>
            <source>{name} asks ({time}):
{question}</source>
            <translation>{name} asks ({time}):
{question}</translation>
        </message>
    </context>
    <context>
        <name>ConsultsButton</name>
        <message>
            <source>Consultations</source>
            <translation>Consultations</translation>
        </message>
        <message>
            <source>Open the consultations and their answers</source>
            <translation>Open the consultations and their answers</translation>
        </message>
    </context>
    <context>
        <name>ConsultsScreen</name>
        <message>
            <source>Reply saved. It goes to the specialist with the next sync.</source>
            <translation>Reply saved. It goes to the specialist with the next sync.</translation>
        </message>
        <message>
            <source>A new request is queued; it goes out on the next sync.</source>
            <translation>A new request is queued; it goes out on the next sync.</translation>
        </message>
        <message>
            <source>Something went wrong. Please try again.</source>
            <translation>Something went wrong. Please try again.</translation>
        </message>
        <message>
            <source>Consultations</source>
            <translation>Consultations</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Back</translation>
        </message>
        <message>
            <source>Back to the previous screen</source>
            <translation>Back to the previous screen</translation>
        </message>
        <message>
            <source>Messages</source>
            <translation>Messages</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Loading…</translation>
        </message>
        <message>
            <source>No consultation requests yet.</source>
            <translation>No consultation requests yet.</translation>
        </message>
        <message>
            <source>Overdue since {time}</source>
            <translation>Overdue since {time}</translation>
        </message>
        <message>
            <source>Due by {time}</source>
            <translation>Due by {time}</translation>
        </message>
        <message>
            <source>Answer received</source>
            <translation>Answer received</translation>
        </message>
        <message>
            <source>Your reply is needed</source>
            <translation>Your reply is needed</translation>
        </message>
        <message>
            <source>Open the consultation: {text}</source>
            <translation>Open the consultation: {text}</translation>
        </message>
    </context>
</TS>
